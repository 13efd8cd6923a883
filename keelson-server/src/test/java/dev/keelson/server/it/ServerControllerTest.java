package dev.keelson.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The API beside a real controller, over one app from a real Git repository: what the API shows
 * before and after a sync it asked for, the tree from live state, and the actions answered.
 */
class ServerControllerTest extends ServerTestBase {
  static final String PASSWORD = "hunter2-in-clear";
  static KeelsonController controller;
  static AuditLog log;
  static GitFixture repo;
  static String ns;
  static String app;

  @BeforeAll
  static void controllerAndApp() throws Exception {
    log = new AuditLog();
    controller = KeelsonController.start(client,
        ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null));
    ns = cluster.createNamespace("srvc");
    repo = new GitFixture();
    repo.write("deploy/web.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          greeting: hello
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: credentials
        stringData:
          password: %s
        """.formatted(PASSWORD)).commit("web");
    app = "/api/v1/applications/" + ns + "/web";
    createApp("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: web
          namespace: %s
        spec:
          interval: 1m
          source:
            repoURL: %s
            path: deploy
          destination:
            namespace: %s
        """.formatted(ns, repo.url(), ns));
    // compared once, not synced: no automated sync
    awaitDetail(d -> d.path("summary").path("sync").asText().equals("OutOfSync"));
  }

  @AfterAll
  static void stopController() {
    if (controller != null) controller.close();
    if (log != null) log.close();
  }

  static JsonNode awaitDetail(java.util.function.Predicate<JsonNode> condition) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
      Api.Response r = api.get(app, TestAuth.ALICE);
      if (r.status() != 200) return false;
      last.set(r.json());
      return condition.test(r.json());
    });
    return last.get();
  }

  static JsonNode ok(Api.Response r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 299);
    return r.json();
  }

  static Application live() {
    return client.resources(Application.class).inNamespace(ns).withName("web").get();
  }

  @Test
  @DisplayName("diff and manifests before a sync, a sync asked for through the API and answered by the controller, audited; then tree, history, operation, events, diff, logs, rollback, refresh")
  void syncThroughTheApi() throws Exception {
    JsonNode before = ok(api.get(app + "/diff", TestAuth.ALICE));
    assertThat(before.path("different").asBoolean()).isTrue();
    assertThat(before.path("objects").size()).isEqualTo(3);
    assertThat(before.toString()).doesNotContain(PASSWORD);

    JsonNode manifests = ok(api.get(app + "/manifests", TestAuth.ALICE));
    assertThat(manifests.path("objects").size()).isEqualTo(3);
    JsonNode secret = find(manifests.path("objects"), "Secret");
    assertThat(secret.path("desired").path("data").path("password").asText()).isEqualTo("++++++++");
    assertThat(secret.path("live").isMissingNode() || secret.path("live").isNull()).isTrue();
    assertThat(manifests.toString()).doesNotContain(PASSWORD);

    JsonNode accepted = ok(api.post(app + "/sync", TestAuth.ALICE, "{\"prune\": true}"));
    String token = accepted.path("token").asText();
    assertThat(accepted.path("action").asText()).isEqualTo("sync");
    JsonNode synced = awaitDetail(d -> token.equals(d.path("status").path("lastHandledSyncRequest").asText())
        && d.path("summary").path("sync").asText().equals("Synced")
        && d.path("summary").path("health").asText().equals("Healthy"));
    assertThat(synced.path("annotations").path("keelson.dev/sync-requested-by").asText()).isEqualTo("alice");
    assertThat(synced.path("annotations").path("keelson.dev/sync-request-options").asText()).isEqualTo("prune");

    assertThat(log.auditLines()).anyMatch(l -> l.contains("user=alice action=sync object=default/" + ns + "/web result=accepted")
        && l.contains("detail=\"prune\""));
    JsonNode events = ok(api.get(app + "/events", TestAuth.ALICE)).path("items");
    List<String> messages = new ArrayList<>();
    events.forEach(e -> messages.add(e.path("reason").asText() + ": " + e.path("message").asText()));
    assertThat(messages).contains("ActionRequested: user alice requested sync (prune): accepted");
    assertThat(events).anyMatch(e -> e.path("reason").asText().equals("ActionRequested")
        && e.path("source").asText().equals("keelson-server"));

    JsonNode history = ok(api.get(app + "/history", TestAuth.ALICE)).path("entries");
    assertThat(history.size()).isGreaterThanOrEqualTo(1);
    assertThat(history.get(history.size() - 1).path("initiatedBy").asText()).isEqualTo("alice");
    JsonNode operation = ok(api.get(app + "/operation", TestAuth.ALICE)).path("operation");
    assertThat(operation.path("phase").asText()).isEqualTo("Succeeded");
    assertThat(operation.path("prune").asBoolean()).isTrue();

    JsonNode tree = ok(api.get(app + "/resource-tree", TestAuth.ALICE)).path("nodes");
    JsonNode deployment = find(tree, "Deployment");
    assertThat(deployment.path("managed").asBoolean()).isTrue();
    assertThat(deployment.path("sync").asText()).isEqualTo("Synced");
    assertThat(deployment.path("health").path("status").asText()).isEqualTo("Healthy");
    JsonNode replicaSet = deployment.path("children").get(0);
    assertThat(replicaSet.path("kind").asText()).isEqualTo("ReplicaSet");
    assertThat(replicaSet.path("managed").asBoolean()).isFalse();
    JsonNode pod = replicaSet.path("children").get(0);
    assertThat(pod.path("kind").asText()).isEqualTo("Pod");
    assertThat(pod.path("name").asText()).startsWith("web-");
    assertThat(pod.path("health").path("status").asText()).isEqualTo("Healthy");

    JsonNode after = ok(api.get(app + "/diff", TestAuth.ALICE));
    assertThat(after.path("different").asBoolean()).as(after.toString()).isFalse();
    JsonNode liveSecret = find(ok(api.get(app + "/manifests", TestAuth.ALICE)).path("objects"), "Secret").path("live");
    assertThat(liveSecret.path("data").path("password").asText()).isEqualTo("++++++++");
    assertThat(liveSecret.toString()).doesNotContain(PASSWORD)
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(PASSWORD.getBytes()));

    // logs: the right is checked, only Pods of the tree are served; the local node runs no
    // kubelet, so the API server's answer for a real Pod is an upstream failure
    String podName = pod.path("name").asText();
    assertThat(api.get(app + "/logs?pod=" + podName, TestAuth.EVE).status()).isEqualTo(403);
    assertThat(api.get(app + "/logs?pod=not-in-the-tree", TestAuth.ALICE).code()).isEqualTo("not_found");
    assertThat(api.get(app + "/logs", TestAuth.ALICE).code()).isEqualTo("invalid_parameter");
    Api.Response logs = api.get(app + "/logs?pod=" + podName + "&tailLines=10", TestAuth.ALICE);
    assertThat(logs.status()).isEqualTo(502);
    assertThat(logs.code()).isEqualTo("upstream_failed");

    // rollback to the entry just made, answered by the controller, then unpinned
    long id = history.get(history.size() - 1).path("id").asLong();
    String rollback = ok(api.post(app + "/rollback", TestAuth.ALICE, "{\"historyId\": " + id + "}")).path("token").asText();
    awaitDetail(d -> rollback.equals(d.path("status").path("lastHandledRollback").asText()));
    assertThat(ok(api.get(app + "/operation", TestAuth.ALICE)).path("pinned").path("historyId").asLong()).isEqualTo(id);
    String clear = ok(api.post(app + "/rollback", TestAuth.ALICE, "{\"clear\": true}")).path("token").asText();
    awaitDetail(d -> clear.equals(d.path("status").path("lastHandledRollback").asText()));

    // a refresh fetches at once (the interval is a minute) and compares, without syncing
    String sha = repo.write("deploy/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n").commit("extra");
    String refresh = ok(api.post(app + "/refresh", TestAuth.ALICE, "")).path("token").asText();
    JsonNode refreshed = awaitDetail(d -> refresh.equals(d.path("status").path("lastHandledRefresh").asText()));
    assertThat(refreshed.path("summary").path("revision").asText()).isEqualTo(sha);
    assertThat(refreshed.path("summary").path("sync").asText()).isEqualTo("OutOfSync");
    assertThat(client.configMaps().inNamespace(ns).withName("extra").get()).as("not synced").isNull();
  }

  @Test
  @DisplayName("suspend, resume and refresh are written as requests and answered by the controller")
  void suspendResumeRefresh() throws Exception {
    String suspend = ok(api.post(app + "/suspend", TestAuth.ALICE, "")).path("token").asText();
    JsonNode suspended = awaitDetail(d -> suspend.equals(d.path("status").path("lastHandledSuspendChange").asText()));
    assertThat(suspended.path("summary").path("suspended").asBoolean()).isTrue();
    assertThat(live().getSpec().suspend).isTrue();
    String resume = ok(api.post(app + "/resume", TestAuth.ALICE, "{}")).path("token").asText();
    JsonNode resumed = awaitDetail(d -> resume.equals(d.path("status").path("lastHandledSuspendChange").asText()));
    assertThat(resumed.path("summary").path("suspended").asBoolean()).isFalse();
    assertThat(live().getSpec().suspend).isNull();

    String refresh = ok(api.post(app + "/refresh", TestAuth.ALICE, "{}")).path("token").asText();
    assertThat(live().getMetadata().getAnnotations()).containsEntry("keelson.dev/refresh-requested-at", refresh);
    awaitDetail(d -> refresh.equals(d.path("status").path("lastHandledRefresh").asText()));
    assertThat(log.auditLines()).anyMatch(l -> l.contains("user=alice action=suspend"))
        .anyMatch(l -> l.contains("user=alice action=resume")).anyMatch(l -> l.contains("user=alice action=refresh"));
    // eve may get the app but not update it
    assertThat(api.post(app + "/suspend", TestAuth.EVE, "").status()).isEqualTo(403);
  }

  static JsonNode find(JsonNode items, String kind) {
    for (JsonNode n : items) {
      if (kind.equals(n.path("kind").asText())) return n;
    }
    throw new AssertionError("no " + kind + " in " + items);
  }
}
