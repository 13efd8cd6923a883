package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The gates in front of a sync: approval, sync windows, suspend, dependencies; and retries. */
class GatesTest extends ControllerTestBase {
  /** Long enough for a few operations with hooks on a busy two-core machine. */
  static final Duration LONG = Duration.ofSeconds(90);

  // ---- approval ----

  @Test
  @DisplayName("with approval required a revision is planned but applied only once approved, and each new one waits again")
  void approvalGatesEachRevision() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("gated", "one"));
    String first = repo.commit("first");
    createApp(Orchestrated.app("approved", ns, repo.url(), "approval:\n  required: true", ""));

    Application app = awaitApp("approved", a -> pendingAt(a, first) && readyReason(a, "AwaitingApproval"));
    assertThat(app.getStatus().pendingApproval.changes).containsExactly("Create ConfigMap/" + ns + "/gated");
    assertThat(app.getStatus().operationState).isNull();
    assertThat(configMap("gated")).isNull();
    awaitEvent("approved", "ApprovalRequired");

    annotate("approved", Map.of(Annotations.APPROVE, new OperatorRequest("alice", now(), first, null).toJson()));
    app = awaitApp("approved", a -> succeeded(a) && first.equals(a.getStatus().operationState.revision));
    assertThat(configMap("gated")).isNotNull();
    OperationState op = app.getStatus().operationState;
    assertThat(op.initiatedBy).isEqualTo("alice");
    assertThat(op.trigger).isEqualTo("approval");
    assertThat(app.getStatus().pendingApproval).isNull();
    assertThat(app.getStatus().history).extracting(h -> h.action + " " + h.initiatedBy + " " + h.result + " " + h.revision)
        .containsExactly("Approve alice Approved " + first, "Sync alice Succeeded " + first);
    awaitEvent("approved", "Approved");
    awaitApp("approved", a -> synced(a) && conditionIs(a, "Ready", "True"));

    // a new commit waits again; approving the wrong revision is refused
    repo.write("cm.yaml", Manifests.configMap("gated", "two"));
    String second = repo.commit("second");
    app = awaitApp("approved", a -> pendingAt(a, second) && readyReason(a, "AwaitingApproval"));
    assertThat(app.getStatus().pendingApproval.changes).containsExactly("Configure ConfigMap/" + ns + "/gated");
    assertThat(configMap("gated").getData()).containsEntry("value", "one");

    String wrong = now();
    annotate("approved", Map.of(Annotations.APPROVE, new OperatorRequest("bob", wrong, first, null).toJson()));
    app = awaitApp("approved", a -> wrong.equals(a.getStatus().lastHandledApproval));
    assertThat(app.getStatus().pendingApproval.revision).isEqualTo(second);
    assertThat(app.getStatus().history).last().satisfies(h -> {
      assertThat(h.action).isEqualTo("Approve");
      assertThat(h.initiatedBy).isEqualTo("bob");
      assertThat(h.result).isEqualTo("Refused");
    });
    assertThat(configMap("gated").getData()).containsEntry("value", "one");

    annotate("approved", Map.of(Annotations.APPROVE, new OperatorRequest("alice", now(), second, null).toJson()));
    awaitApp("approved", a -> succeeded(a) && second.equals(a.getStatus().operationState.revision));
    assertThat(configMap("gated").getData()).containsEntry("value", "two");
  }

  // ---- sync windows ----

  @Test
  @DisplayName("an active deny window blocks automated and manual syncs; with manualSync a sync request goes through")
  void denyWindowBlocksUnlessManualSync() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("windowed", "x"));
    repo.commit("first");
    createApp(Orchestrated.app("windowed", ns, repo.url(), """
        windows:
        - kind: deny
          schedule: "* * * * *"
          duration: 1h""", ""));

    Application app = awaitApp("windowed", a -> readyReason(a, "SyncWindowBlocked"));
    assertThat(condition(app, "Ready").orElseThrow().getMessage()).contains("deny window");
    assertThat(app.getStatus().operationState).isNull();
    assertThat(configMap("windowed")).isNull();

    String refused = now();
    requestSync("windowed", refused, "bob");
    app = awaitApp("windowed", a -> refused.equals(a.getStatus().lastHandledSyncRequest));
    assertThat(app.getStatus().operationState).isNull();
    assertThat(readyReason(app, "SyncWindowBlocked")).isTrue();
    assertThat(configMap("windowed")).isNull();
    awaitEvent("windowed", "SyncRefused");

    Application edited = RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("windowed"), a -> {
      a.getSpec().syncPolicy.windows.get(0).manualSync = true;
      return a;
    });
    long generation = edited.getMetadata().getGeneration();
    app = awaitApp("windowed", a -> Long.valueOf(generation).equals(a.getStatus().observedGeneration));
    // still no automated sync: manualSync is for manual ones only
    assertThat(readyReason(app, "SyncWindowBlocked")).isTrue();
    assertThat(configMap("windowed")).isNull();

    String allowed = now();
    requestSync("windowed", allowed, "bob");
    app = awaitApp("windowed", a -> succeeded(a) && allowed.equals(a.getStatus().operationState.id));
    assertThat(app.getStatus().lastHandledSyncRequest).isEqualTo(allowed);
    assertThat(app.getStatus().operationState.initiatedBy).isEqualTo("bob");
    assertThat(app.getStatus().operationState.trigger).isEqualTo("manual");
    assertThat(configMap("windowed")).isNotNull();
  }

  // ---- suspend ----

  @Test
  @DisplayName("a suspended app applies nothing; suspend and resume requests are recorded, and resuming applies")
  void suspendAndResume() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("paused", "x"));
    String sha = repo.commit("first");
    createApp(Orchestrated.app("paused", ns, repo.url(), "", "suspend: true"));

    Application app = awaitApp("paused", a -> readyReason(a, "Suspended"));
    assertThat(app.getStatus().suspended).isTrue();
    assertThat(app.getStatus().operationState).isNull();
    assertThat(configMap("paused")).isNull();

    String suspendedAt = now();
    annotate("paused", Map.of(Annotations.SUSPEND_CHANGED, OperatorRequest.of("carol", suspendedAt).toJson()));
    app = awaitApp("paused", a -> suspendedAt.equals(a.getStatus().lastHandledSuspendChange));
    assertThat(app.getStatus().history).singleElement().satisfies(h -> {
      assertThat(h.action).isEqualTo("Suspend");
      assertThat(h.initiatedBy).isEqualTo("carol");
    });
    assertThat(readyReason(app, "Suspended")).isTrue();
    assertThat(configMap("paused")).isNull();

    String resumedAt = now();
    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("paused"), a -> {
      a.getSpec().suspend = false;
      a.getMetadata().getAnnotations().put(Annotations.SUSPEND_CHANGED, OperatorRequest.of("carol", resumedAt).toJson());
      return a;
    });
    app = awaitApp("paused", a -> syncedAt(a, sha) && succeeded(a));
    assertThat(configMap("paused")).isNotNull();
    assertThat(app.getStatus().lastHandledSuspendChange).isEqualTo(resumedAt);
    assertThat(app.getStatus().suspended).isNull();
    assertThat(app.getStatus().history).extracting(h -> h.action + " " + h.initiatedBy)
        .containsExactly("Suspend carol", "Resume carol", "Sync automated");
    awaitEvent("paused", "Resumed");
  }

  // ---- dependencies ----

  @Test
  @DisplayName("dependsOn: b waits for a and c for b until a is Healthy; a readyExpr lets d go while a is still Progressing")
  void dependencyChain() throws Exception {
    try (GitFixture repoB = new GitFixture(); GitFixture repoC = new GitFixture(); GitFixture repoD = new GitFixture()) {
      repo.write("web.yaml", Orchestrated.deployment("slow", "example.com/part: a", false));
      repo.commit("a: pods never ready");
      repoB.write("cm.yaml", Manifests.configMap("b-config", "b"));
      repoB.commit("b");
      repoC.write("cm.yaml", Manifests.configMap("c-config", "c"));
      repoC.commit("c");
      repoD.write("cm.yaml", Manifests.configMap("d-config", "d"));
      repoD.commit("d");

      createApp(Orchestrated.app("a", ns, repo.url(), "", ""));
      createApp(Orchestrated.app("b", ns, repoB.url(), "", "dependsOn:\n- name: a"));
      createApp(Orchestrated.app("c", ns, repoC.url(), "", "dependsOn:\n- name: b"));
      createApp(Orchestrated.app("d", ns, repoD.url(), "", """
          dependsOn:
          - name: a
            readyExpr: "dep.status.sync.status == 'Synced'\""""));

      awaitApp("a", a -> synced(a) && healthIs(a, "Progressing"));
      Application b = awaitApp("b", a -> readyReason(a, "DependencyNotReady"));
      assertThat(condition(b, "Ready").orElseThrow().getMessage()).contains(ns + "/a");
      Application c = awaitApp("c", a -> readyReason(a, "DependencyNotReady"));
      assertThat(condition(c, "Ready").orElseThrow().getMessage()).contains(ns + "/b");
      awaitApp("d", a -> synced(a) && succeeded(a));
      assertThat(configMap("d-config")).isNotNull();
      // a is Synced, so d's readyExpr holds while a itself is still not Healthy
      assertThat(healthIs(app("a"), "Progressing")).isTrue();
      assertThat(configMap("b-config")).isNull();
      assertThat(configMap("c-config")).isNull();
      assertThat(app("b").getStatus().operationState).isNull();
      assertThat(app("c").getStatus().operationState).isNull();

      // a's pods become Ready (through Git: an edit of the live object would be drift, and a
      // drifted app is not Synced, so not ready either): b goes, then c
      repo.write("web.yaml", Orchestrated.deployment("slow", "example.com/part: a", true));
      String ready = repo.commit("a: pods ready");
      awaitApp("a", a -> syncedAt(a, ready) && healthy(a), LONG);
      b = awaitApp("b", a -> synced(a) && healthy(a) && succeeded(a), LONG);
      c = awaitApp("c", a -> synced(a) && healthy(a) && succeeded(a), LONG);
      assertThat(configMap("b-config")).isNotNull();
      assertThat(configMap("c-config")).isNotNull();
      assertThat(Instant.parse(c.getStatus().operationState.startedAt))
          .isAfterOrEqualTo(Instant.parse(b.getStatus().operationState.finishedAt));
    }
  }

  @Test
  @DisplayName("a dependency cycle is reported on both apps as DependencyCycle, Stalled, and nothing is applied")
  void dependencyCycleIsRejected() throws Exception {
    try (GitFixture repoY = new GitFixture()) {
      repo.write("cm.yaml", Manifests.configMap("x-config", "x"));
      repo.commit("x");
      repoY.write("cm.yaml", Manifests.configMap("y-config", "y"));
      repoY.commit("y");
      createApp(Orchestrated.app("x", ns, repo.url(), "", "dependsOn:\n- name: y"));
      createApp(Orchestrated.app("y", ns, repoY.url(), "", "dependsOn:\n- name: x"));

      for (String name : List.of("x", "y")) {
        Application app = awaitApp(name, a -> readyReason(a, "DependencyCycle") && conditionIs(a, "Stalled", "True"));
        assertThat(condition(app, "Ready").orElseThrow().getMessage())
            .contains("dependency cycle").contains(ns + "/x").contains(ns + "/y");
        assertThat(condition(app, "Stalled").orElseThrow().getReason()).isEqualTo("DependencyCycle");
        assertThat(app.getStatus().operationState).isNull();
      }
      assertThat(configMap("x-config")).isNull();
      assertThat(configMap("y-config")).isNull();
    }
  }

  // ---- retry ----

  @Test
  @DisplayName("a failed sync is retried up to the limit with growing delays, then stays Failed")
  void retryWithBackoff() throws Exception {
    repo.write("pre.yaml", Orchestrated.job("migrate", "keelson.dev/hook: PreSync", 1))
        .write("cm.yaml", Manifests.configMap("retried", "x"));
    String sha = repo.commit("failing migration");
    // delays of 2s then 4s: far enough apart to tell with the seconds resolution of timestamps
    try (Attempts attempts = new Attempts("retried")) {
      createApp(Orchestrated.app("retried", ns, repo.url(), """
          retry:
            limit: 2
            backoff:
              duration: 2s
              factor: 2
              maxDuration: 10s""", ""));

      Application app = awaitApp("retried", a -> failed(a) && Integer.valueOf(2).equals(a.getStatus().operationState.retryCount), LONG);
      assertThat(app.getStatus().operationState.nextRetryAt).isNull();
      assertThat(app.getStatus().operationState.trigger).isEqualTo("retry");
      assertThat(app.getStatus().operationState.message).contains("migrate");
      assertThat(failedSyncs(app, sha)).hasSize(3);
      assertThat(configMap("retried")).isNull();
      assertThat(conditionIs(app, "Ready", "False")).isTrue();
      assertThat(conditionIs(app, "Stalled", "True")).isTrue();

      // every attempt as it ended, in order: the first, retry 1, retry 2
      List<OperationState> ended = attempts.ended();
      assertThat(ended).extracting(o -> o.retryCount == null ? 0 : o.retryCount).containsExactly(0, 1, 2);
      Duration firstDelay = between(ended.get(0).finishedAt, ended.get(0).nextRetryAt);
      Duration secondDelay = between(ended.get(1).finishedAt, ended.get(1).nextRetryAt);
      assertThat(firstDelay).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
      assertThat(secondDelay).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
      assertThat(ended.get(2).nextRetryAt).isNull();
      // each retry waited for its time
      for (int i = 0; i < 2; i++) {
        assertThat(Instant.parse(ended.get(i + 1).startedAt)).isAfterOrEqualTo(Instant.parse(ended.get(i).nextRetryAt));
      }
      assertThat(between(ended.get(1).finishedAt, ended.get(2).startedAt))
          .isGreaterThan(between(ended.get(0).finishedAt, ended.get(1).startedAt));

      // exhausted: no further attempt (the next would be due 8s later)
      String lastId = app.getStatus().operationState.id;
      holds("retried", Duration.ofSeconds(10),
          now -> lastId.equals(now.getStatus().operationState.id) && failedSyncs(now, sha).size() == 3);
    }
  }

  @Test
  @DisplayName("every retry of an automated sync stays automated: a deny window with manualSync holds it back")
  void retriesOfAnAutomatedSyncRespectWindows() throws Exception {
    repo.write("pre.yaml", Orchestrated.job("migrate", "keelson.dev/hook: PreSync", 1))
        .write("cm.yaml", Manifests.configMap("held", "x"));
    String sha = repo.commit("failing migration");
    // retry 1 after 2s, retry 2 only 6s after retry 1 failed: time enough to open the window
    createApp(Orchestrated.app("held", ns, repo.url(), """
        retry:
          limit: 2
          backoff:
            duration: 2s
            factor: 3
            maxDuration: 10s""", ""));
    awaitApp("held", a -> a.getStatus() != null && a.getStatus().operationState != null
        && Integer.valueOf(1).equals(a.getStatus().operationState.retryCount), LONG);

    Application edited = RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("held"), a -> {
      var w = new dev.keelson.api.v1alpha1.SyncPolicy.SyncWindow();
      w.kind = "deny";
      w.schedule = "* * * * *";
      w.duration = "1h";
      w.manualSync = true;
      a.getSpec().syncPolicy.windows = List.of(w);
      return a;
    });
    long generation = edited.getMetadata().getGeneration();
    Application app = awaitApp("held", a -> failed(a) && Integer.valueOf(1).equals(a.getStatus().operationState.retryCount)
        && Long.valueOf(generation).equals(a.getStatus().observedGeneration), LONG);
    assertThat(app.getStatus().operationState.nextRetryAt).isNotNull();
    String id = app.getStatus().operationState.id;
    holds("held", Duration.ofSeconds(10),
        now -> id.equals(now.getStatus().operationState.id) && failedSyncs(now, sha).size() == 2);

    // the window removed, the retry held back runs
    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("held"), a -> {
      a.getSpec().syncPolicy.windows = null;
      return a;
    });
    app = awaitApp("held", a -> failed(a) && Integer.valueOf(2).equals(a.getStatus().operationState.retryCount), LONG);
    assertThat(failedSyncs(app, sha)).hasSize(3);
  }

  @Test
  @DisplayName("without a retry policy a failed sync is not repeated on the same revision")
  void noRetryWithoutPolicy() throws Exception {
    repo.write("pre.yaml", Orchestrated.job("migrate", "keelson.dev/hook: PreSync", 1))
        .write("cm.yaml", Manifests.configMap("once", "x"));
    String sha = repo.commit("failing migration");
    createApp(Orchestrated.app("once", ns, repo.url(), "", ""));

    Application app = awaitApp("once", GatesTest::failed, LONG);
    String id = app.getStatus().operationState.id;
    assertThat(app.getStatus().operationState.nextRetryAt).isNull();

    // a spec change that leaves the desired objects alone is handled, and the app reconciles
    // every 2s: none of it starts the sync again
    Application edited = RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("once"), a -> {
      a.getSpec().interval = "1s";
      return a;
    });
    long generation = edited.getMetadata().getGeneration();
    awaitApp("once", a -> Long.valueOf(generation).equals(a.getStatus().observedGeneration));
    holds("once", Duration.ofSeconds(5),
        now -> id.equals(now.getStatus().operationState.id) && failedSyncs(now, sha).size() == 1);
    assertThat(app("once").getStatus().history).singleElement().satisfies(h -> assertThat(h.result).isEqualTo("Failed"));
    assertThat(configMap("once")).isNull();
  }

  // ---- helpers ----

  /** Records each operation of an app as last seen (by id, in order of first sight), from a watch. */
  private final class Attempts implements AutoCloseable {
    private final Map<String, OperationState> byId = new LinkedHashMap<>();
    private final Watch watch;

    Attempts(String name) {
      watch = client.resources(Application.class).inNamespace(ns).withName(name).watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, Application app) {
          OperationState op = app.getStatus() == null ? null : app.getStatus().operationState;
          if (op == null || op.id == null) return;
          synchronized (byId) {
            byId.put(op.id, op);
          }
        }

        @Override
        public void onClose(WatcherException cause) {}
      });
    }

    /** The operations that ended, as they ended. */
    List<OperationState> ended() {
      synchronized (byId) {
        return new ArrayList<>(byId.values()).stream().filter(o -> !"Running".equals(o.phase)).toList();
      }
    }

    @Override
    public void close() {
      watch.close();
    }
  }

  private static List<HistoryEntry> failedSyncs(Application app, String sha) {
    return app.getStatus().history.stream()
        .filter(h -> "Sync".equals(h.action) && "Failed".equals(h.result) && sha.equals(h.revision)).toList();
  }

  private static Duration between(String from, String to) {
    return Duration.between(Instant.parse(from), Instant.parse(to));
  }

  private Application awaitApp(String name, Predicate<Application> condition, Duration timeout) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(200))
          .until(() -> Optional.ofNullable(app(name)).filter(condition).isPresent());
    } catch (ConditionTimeoutException e) {
      Application last = app(name);
      throw new AssertionError("application " + name + " did not reach the expected state; last seen: "
          + (last == null ? "absent" : client.getKubernetesSerialization().asYaml(last.getStatus())), e);
    }
    return app(name);
  }

  /** The condition holds from now on for the given time (checked every 200 ms). */
  private void holds(String name, Duration time, Predicate<Application> condition) {
    try {
      await().during(time).atMost(time.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> condition.test(app(name)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("application " + name + " left the expected state; now: "
          + client.getKubernetesSerialization().asYaml(app(name).getStatus()), e);
    }
  }

  private void annotate(String name, Map<String, String> values) {
    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName(name), a -> {
      Map<String, String> annotations = a.getMetadata().getAnnotations() == null
          ? new HashMap<>() : new HashMap<>(a.getMetadata().getAnnotations());
      annotations.putAll(values);
      a.getMetadata().setAnnotations(annotations);
      return a;
    });
  }

  private void requestSync(String name, String token, String by) {
    annotate(name, Map.of(Annotations.SYNC_REQUESTED_AT, token, Annotations.SYNC_REQUESTED_BY, by));
  }

  private void awaitEvent(String app, String reason) {
    await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(e -> reason.equals(e.getReason()) && app.equals(e.getInvolvedObject().getName())));
  }

  private io.fabric8.kubernetes.api.model.ConfigMap configMap(String name) {
    return client.configMaps().inNamespace(ns).withName(name).get();
  }

  /** Unique per request: the token echoed in status once handled. */
  private static String now() {
    return Instant.now().toString();
  }

  static boolean pendingAt(Application a, String sha) {
    return a.getStatus() != null && a.getStatus().pendingApproval != null
        && sha.equals(a.getStatus().pendingApproval.revision);
  }

  static boolean readyReason(Application a, String reason) {
    return condition(a, "Ready").map(c -> "False".equals(c.getStatus()) && reason.equals(c.getReason())).orElse(false);
  }

  static boolean healthIs(Application a, String health) {
    return a.getStatus() != null && a.getStatus().health != null && health.equals(a.getStatus().health.status);
  }

  static boolean succeeded(Application a) {
    OperationState op = a.getStatus() == null ? null : a.getStatus().operationState;
    return op != null && "Succeeded".equals(op.phase);
  }

  static boolean failed(Application a) {
    OperationState op = a.getStatus() == null ? null : a.getStatus().operationState;
    return op != null && "Failed".equals(op.phase);
  }
}
