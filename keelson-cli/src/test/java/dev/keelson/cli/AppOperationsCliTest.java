package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.Source;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator commands against a real API server without a controller: each test checks the
 * request the CLI writes, then plays the controller by writing status through the status
 * subresource, and checks how the CLI waits and what it concludes.
 */
class AppOperationsCliTest {
  static final String USER = System.getProperty("user.name");
  static TestCluster cluster;
  static KubernetesClient client;
  static String kubeconfig;

  String ns;

  @BeforeAll
  static void start() {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
    assertThat(CliTest.run("install", "--kubeconfig", kubeconfig).code()).isZero();
  }

  @AfterAll
  static void stop() {
    if (client != null) client.close();
  }

  @BeforeEach
  void createApp() {
    ns = cluster.createNamespace("ops");
    Application a = new Application();
    a.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace(ns).build());
    a.setSpec(new ApplicationSpec());
    a.getSpec().source = new Source();
    a.getSpec().source.repoURL = "https://git.example/deploy.git";
    client.resources(Application.class).inNamespace(ns).resource(a).create();
  }

  // ---- sync ----

  @Test
  @DisplayName("sync writes the requested options as one comma list, and removes it for a plain sync")
  void syncOptions() {
    CliTest.Result r = cli("app", "sync", "web", "--prune", "--dry-run", "--resource", ":ConfigMap:web",
        "--resource", "apps:Deployment:web", "--async");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, String> annotations = app().getMetadata().getAnnotations();
    assertThat(annotations)
        .containsEntry(Annotations.SYNC_REQUEST_OPTIONS, "prune,dry-run,resource=:ConfigMap:web,resource=apps:Deployment:web")
        .containsEntry(Annotations.SYNC_REQUESTED_BY, USER);
    String first = annotations.get(Annotations.SYNC_REQUESTED_AT);
    assertThat(Instant.parse(first)).isBeforeOrEqualTo(Instant.now());

    CliTest.Result plain = cli("app", "sync", "web", "--async");
    assertThat(plain.code()).as(plain.err()).isZero();
    annotations = app().getMetadata().getAnnotations();
    assertThat(annotations).doesNotContainKey(Annotations.SYNC_REQUEST_OPTIONS);
    assertThat(annotations.get(Annotations.SYNC_REQUESTED_AT)).isNotEqualTo(first);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ConfigMap:web", "apps::web", "apps:Deployment:", "apps:Deployment:web:x", "a:b:c,d"})
  @DisplayName("sync rejects a malformed --resource with exit 2 and writes nothing")
  void syncRejectsMalformedResource(String resource) {
    CliTest.Result r = cli("app", "sync", "web", "--resource", resource, "--async");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("GROUP:KIND:NAME").contains(resource);
    assertThat(app().getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  @DisplayName("sync waits while the operation it started runs, then exits 0 when it succeeded")
  void syncWaitsForOperation() throws Exception {
    CompletableFuture<CliTest.Result> sync = background("app", "sync", "web", "--timeout", "60s");
    String token = awaitAnnotation(Annotations.SYNC_REQUESTED_AT);
    playController(s -> {
      s.lastHandledSyncRequest = token;
      s.operationState = operation(token, "Running");
    });
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !sync.isDone());

    playController(s -> s.operationState.phase = "Succeeded");
    CliTest.Result r = sync.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("sync requested for " + ns + "/web").contains("Operation:   Succeeded");
  }

  @Test
  @DisplayName("sync exits 1 with the operation's message when it failed")
  void syncFailed() throws Exception {
    CompletableFuture<CliTest.Result> sync = background("app", "sync", "web", "--timeout", "60s");
    String token = awaitAnnotation(Annotations.SYNC_REQUESTED_AT);
    playController(s -> {
      s.lastHandledSyncRequest = token;
      s.operationState = operation(token, "Failed");
      s.operationState.message = "hook migrate failed";
    });
    CliTest.Result r = sync.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Failed").contains("hook migrate failed");
  }

  @Test
  @DisplayName("sync exits 1 with the Ready condition's reason when the controller took the request but started nothing")
  void syncRefused() throws Exception {
    CompletableFuture<CliTest.Result> sync = background("app", "sync", "web", "--timeout", "60s");
    String token = awaitAnnotation(Annotations.SYNC_REQUESTED_AT);
    playController(s -> {
      s.lastHandledSyncRequest = token;
      s.operationState = operation("2026-01-01T00:00:00Z", "Succeeded");
      s.conditions = List.of(condition("Ready", "False", "SyncWindow", "a deny window blocks syncs until 18:00 UTC"));
    });
    CliTest.Result r = sync.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("did not start the sync").contains("a deny window blocks syncs until 18:00 UTC");
  }

  @Test
  @DisplayName("sync exits 2 when no controller answers within --timeout")
  void syncTimeout() {
    CliTest.Result r = cli("app", "sync", "web", "--timeout", "1s");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no controller handled the sync request within 1s");
  }

  // ---- approve ----

  @Test
  @DisplayName("approve exits 1 and writes nothing when nothing awaits approval")
  void approveNothing() {
    CliTest.Result r = cli("app", "approve", "web");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("nothing awaits approval");
    assertThat(app().getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  @DisplayName("approve names the pending revision in its request and waits until the controller handled it")
  void approvePending() throws Exception {
    playController(s -> {
      s.pendingApproval = new ApplicationStatus.PendingApproval();
      s.pendingApproval.revision = "abc123";
      s.pendingApproval.since = "2026-01-01T00:00:00Z";
      s.pendingApproval.changes = List.of("Configured apps/Deployment " + ns + "/web");
    });
    CompletableFuture<CliTest.Result> approve = background("app", "approve", "web", "--timeout", "60s");
    OperatorRequest request = awaitRequest(Annotations.APPROVE);
    assertThat(request.by()).isEqualTo(USER);
    assertThat(request.revision()).isEqualTo("abc123");
    assertThat(request.historyId()).isNull();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !approve.isDone());

    playController(s -> {
      s.lastHandledApproval = request.at();
      s.pendingApproval = null;
    });
    CliTest.Result r = approve.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("approved abc123").contains("Name:        " + ns + "/web").doesNotContain("Approval:");
  }

  @Test
  @DisplayName("approve --revision approves that commit, also with nothing pending")
  void approveRevision() {
    CliTest.Result r = cli("app", "approve", "web", "--revision", "def456", "--async");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(request(Annotations.APPROVE).revision()).isEqualTo("def456");
  }

  // ---- rollback ----

  @Test
  @DisplayName("rollback to an unknown id, or to an entry that deployed nothing, exits 1 naming the ids available")
  void rollbackUnknownId() {
    playController(s -> s.history = List.of(history(1L, "aaa111", null), history(2L, null, null),
        history(3L, "ccc333", "Approve")));
    CliTest.Result r = cli("app", "rollback", "web", "2");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no history entry 2").contains("available: 1)");
    assertThat(app().getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  @DisplayName("rollback writes the history id and waits until the controller handled it")
  void rollback() throws Exception {
    playController(s -> s.history = List.of(history(1L, "aaa111", null), history(2L, "bbb222", null)));
    CompletableFuture<CliTest.Result> rollback = background("app", "rollback", "web", "1", "--timeout", "60s");
    OperatorRequest request = awaitRequest(Annotations.ROLLBACK);
    assertThat(request.by()).isEqualTo(USER);
    assertThat(request.historyId()).isEqualTo(1L);
    assertThat(request.revision()).isNull();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !rollback.isDone());

    playController(s -> {
      s.lastHandledRollback = request.at();
      s.pinned = new ApplicationStatus.Pin();
      s.pinned.historyId = 1L;
      s.pinned.revision = "aaa111";
      s.pinned.by = USER;
      s.pinned.at = request.at();
    });
    CliTest.Result r = rollback.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Pinned:      history 1, revision aaa111, by " + USER)
        .contains("keelson app rollback web --clear");
  }

  @Test
  @DisplayName("rollback --clear removes the pin request, writes the clear request and waits for it")
  void rollbackClear() throws Exception {
    playController(s -> s.history = List.of(history(1L, "aaa111", null)));
    assertThat(cli("app", "rollback", "web", "1", "--async").code()).isZero();

    CompletableFuture<CliTest.Result> clear = background("app", "rollback", "web", "--clear", "--timeout", "60s");
    OperatorRequest request = awaitRequest(Annotations.ROLLBACK_CLEARED);
    assertThat(request.by()).isEqualTo(USER);
    assertThat(request.historyId()).isNull();
    assertThat(request.revision()).isNull();
    assertThat(app().getMetadata().getAnnotations()).doesNotContainKey(Annotations.ROLLBACK);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !clear.isDone());

    playController(s -> s.lastHandledRollback = request.at());
    CliTest.Result r = clear.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
  }

  @Test
  @DisplayName("rollback needs exactly one of HISTORY_ID or --clear (exit 2)")
  void rollbackUsage() {
    CliTest.Result neither = cli("app", "rollback", "web");
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err()).contains("exactly one of HISTORY_ID or --clear");
    CliTest.Result both = cli("app", "rollback", "web", "1", "--clear");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("exactly one of HISTORY_ID or --clear");
    assertThat(app().getMetadata().getAnnotations()).isNullOrEmpty();
  }

  // ---- suspend / resume ----

  @Test
  @DisplayName("suspend sets spec.suspend with its request in one write and waits; resume removes spec.suspend")
  void suspendResume() throws Exception {
    CompletableFuture<CliTest.Result> suspend = background("app", "suspend", "web", "--timeout", "60s");
    OperatorRequest request = awaitRequest(Annotations.SUSPEND_CHANGED);
    assertThat(request.by()).isEqualTo(USER);
    assertThat(app().getSpec().suspend).isTrue();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !suspend.isDone());

    playController(s -> {
      s.lastHandledSuspendChange = request.at();
      s.suspended = true;
    });
    CliTest.Result r = suspend.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Suspended:   true").contains("keelson app resume web");

    CliTest.Result resume = cli("app", "resume", "web", "--async");
    assertThat(resume.code()).as(resume.err()).isZero();
    Application resumed = app();
    assertThat(resumed.getSpec().suspend).isNull();
    OperatorRequest second = OperatorRequest.parse(resumed.getMetadata().getAnnotations().get(Annotations.SUSPEND_CHANGED)).orElseThrow();
    assertThat(second.at()).isNotEqualTo(request.at());
  }

  // ---- terminate-op ----

  @Test
  @DisplayName("terminate-op exits 1 and writes nothing when no operation is running")
  void terminateNothing() {
    playController(s -> s.operationState = operation("2026-01-01T00:00:00Z", "Succeeded"));
    CliTest.Result r = cli("app", "terminate-op", "web");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no operation is running");
    assertThat(app().getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  @DisplayName("terminate-op writes its request, waits until handled and prints the operation's phase")
  void terminate() throws Exception {
    playController(s -> s.operationState = operation("2026-01-01T00:00:00Z", "Running"));
    CompletableFuture<CliTest.Result> terminate = background("app", "terminate-op", "web", "--timeout", "60s");
    OperatorRequest request = awaitRequest(Annotations.TERMINATE);
    assertThat(request.by()).isEqualTo(USER);
    assertThat(request.revision()).isNull();
    assertThat(request.historyId()).isNull();

    playController(s -> {
      s.lastHandledTerminate = request.at();
      s.operationState.phase = "Terminated";
      s.operationState.message = "terminated by " + USER;
    });
    CliTest.Result r = terminate.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("operation: Terminated - terminated by " + USER);
  }

  // ---- wait ----

  @Test
  @DisplayName("wait exits 0 at once when synced, healthy, idle and current")
  void waitMet() {
    playController(s -> settled(s, "Healthy"));
    CliTest.Result r = cli("app", "wait", "web", "--timeout", "10s");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("sync Synced, health Healthy");
  }

  @Test
  @DisplayName("wait --sync ignores health; wait --health times out with exit 1 and the last state seen")
  void waitSelectsConditions() {
    playController(s -> settled(s, "Progressing"));
    assertThat(cli("app", "wait", "web", "--sync", "--timeout", "10s").code()).isZero();

    CliTest.Result r = cli("app", "wait", "web", "--health", "--timeout", "2s");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("timed out after 2s").contains("health Progressing").contains("operation none");
  }

  @Test
  @DisplayName("wait also waits for a running operation to end and for the status of the current generation")
  void waitForOperationAndGeneration() {
    playController(s -> {
      settled(s, "Healthy");
      s.operationState = operation("2026-01-01T00:00:00Z", "Running");
    });
    CliTest.Result running = cli("app", "wait", "web", "--sync", "--timeout", "2s");
    assertThat(running.code()).isEqualTo(1);
    assertThat(running.err()).contains("operation Running");

    playController(s -> {
      s.operationState.phase = "Succeeded";
      s.observedGeneration = 0L;
    });
    CliTest.Result stale = cli("app", "wait", "web", "--sync", "--timeout", "2s");
    assertThat(stale.code()).isEqualTo(1);
    assertThat(stale.err()).contains("observed generation 0 of 1");
  }

  @Test
  @DisplayName("wait returns 0 as soon as the app becomes healthy")
  void waitUntilHealthy() throws Exception {
    playController(s -> settled(s, "Progressing"));
    CompletableFuture<CliTest.Result> wait = background("app", "wait", "web", "--timeout", "60s");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !wait.isDone());
    playController(s -> s.health.status = "Healthy");
    CliTest.Result r = wait.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.err()).isZero();
  }

  // ---- get / history ----

  @Test
  @DisplayName("get shows suspension, pin, pending approval and operation with the commands that act on them; history shows actions")
  void getAndHistory() {
    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("web"), a -> {
      a.getSpec().suspend = true;
      return a;
    });
    playController(s -> {
      s.pinned = new ApplicationStatus.Pin();
      s.pinned.historyId = 1L;
      s.pinned.revision = "aaa111";
      s.pinned.by = "alice";
      s.pinned.at = "2026-01-02T00:00:00Z";
      s.pendingApproval = new ApplicationStatus.PendingApproval();
      s.pendingApproval.revision = "bbb222";
      s.pendingApproval.since = "2026-01-03T00:00:00Z";
      s.pendingApproval.changes = List.of("Configured apps/Deployment " + ns + "/web", "Created /ConfigMap " + ns + "/extra");
      s.operationState = operation("2026-01-04T00:00:00Z", "Running");
      s.operationState.syncPhase = "Sync";
      s.operationState.wave = 2;
      s.operationState.message = "waiting for apps/Deployment web";
      s.operationState.trigger = "manual";
      s.operationState.initiatedBy = "bob";
      s.operationState.retryCount = 1;
      s.operationState.nextRetryAt = "2026-01-04T00:05:00Z";
      s.history = List.of(history(1L, "aaa111", null), history(2L, "aaa111", "Rollback"));
    });

    CliTest.Result get = cli("app", "get", "web");
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.out())
        .contains("Suspended:   true")
        .contains("keelson app resume web -n " + ns)
        .contains("Pinned:      history 1, revision aaa111, by alice at 2026-01-02T00:00:00Z")
        .contains("keelson app rollback web --clear -n " + ns)
        .contains("Approval:    bbb222 awaits approval since 2026-01-03T00:00:00Z")
        .contains("Configured apps/Deployment " + ns + "/web")
        .contains("Created /ConfigMap " + ns + "/extra")
        .contains("keelson app approve web -n " + ns)
        .contains("Operation:   Running (Sync phase, wave 2) - waiting for apps/Deployment web")
        .contains("Initiated:   manual by bob")
        .contains("Retries:     1, next at 2026-01-04T00:05:00Z");

    CliTest.Result history = cli("app", "history", "web");
    assertThat(history.code()).as(history.err()).isZero();
    List<String> lines = history.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("ACTION");
    assertThat(lines.get(1)).matches("1\\s+Sync\\s+aaa111.*");
    assertThat(lines.get(2)).matches("2\\s+Rollback\\s+aaa111.*");
  }

  // ---- helpers ----

  CliTest.Result cli(String... args) {
    return CliTest.run(Stream.concat(Stream.of(args), Stream.of("-n", ns, "--kubeconfig", kubeconfig)).toArray(String[]::new));
  }

  /** A command that waits for the controller; the test answers while it runs. */
  CompletableFuture<CliTest.Result> background(String... args) {
    return CompletableFuture.supplyAsync(() -> cli(args));
  }

  Resource<Application> resource() {
    return client.resources(Application.class).inNamespace(ns).withName("web");
  }

  Application app() {
    return resource().get();
  }

  /** Writes status the way the controller does: through the status subresource only. */
  void playController(Consumer<ApplicationStatus> change) {
    resource().editStatus(a -> {
      if (a.getStatus() == null) a.setStatus(new ApplicationStatus());
      change.accept(a.getStatus());
      return a;
    });
  }

  String awaitAnnotation(String key) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> {
      Map<String, String> annotations = app().getMetadata().getAnnotations();
      return annotations == null ? null : annotations.get(key);
    }, v -> v != null);
  }

  OperatorRequest awaitRequest(String key) {
    return OperatorRequest.parse(awaitAnnotation(key)).orElseThrow();
  }

  OperatorRequest request(String key) {
    return OperatorRequest.parse(app().getMetadata().getAnnotations().get(key)).orElseThrow();
  }

  static OperationState operation(String id, String phase) {
    OperationState op = new OperationState();
    op.id = id;
    op.phase = phase;
    return op;
  }

  static HistoryEntry history(long id, String revision, String action) {
    HistoryEntry h = new HistoryEntry();
    h.id = id;
    h.revision = revision;
    h.action = action;
    h.result = "Succeeded";
    h.deployedAt = "2026-01-01T00:00:00Z";
    h.initiatedBy = "automated";
    return h;
  }

  /** Synced, with the given health, describing the current generation, nothing running. */
  void settled(ApplicationStatus s, String health) {
    s.observedGeneration = app().getMetadata().getGeneration();
    s.sync = new ApplicationStatus.SyncStatus();
    s.sync.status = "Synced";
    s.sync.revision = "aaa111";
    s.health = new ApplicationStatus.HealthStatusView();
    s.health.status = health;
  }

  static io.fabric8.kubernetes.api.model.Condition condition(String type, String status, String reason, String message) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastTransitionTime(Instant.now().toString()).withObservedGeneration(1L).build();
  }
}
