package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.Alert;
import dev.keelson.api.v1alpha1.Provider;
import dev.keelson.controller.notify.RepositoryPath;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Notifications received by HTTP servers on loopback, checked for payload, signature and count:
 * Providers and Alerts as Flux writes them, the events of real syncs, commit statuses, filters,
 * retries and deduplication.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NotificationTest extends ControllerTestBase {
  static final String KEY = "hmac-key-never-shown";
  static final String API_TOKEN = "ghp_token-never-shown";
  static final ObjectMapper JSON = new ObjectMapper();

  void secret(String name, String key, String value) {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
        .addToStringData(key, value).build()).create();
  }

  void provider(String name, String type, String address, String secret) {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Provider
        metadata: {name: %s, namespace: %s}
        spec:
          type: %s
          address: %s
        %s""".formatted(name, ns, type, address, secret == null ? "" : "  secretRef: {name: " + secret + "}\n"),
        Provider.class)).create();
    awaitReady(Provider.class, name);
  }

  void alert(String name, String provider, String extra) {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Alert
        metadata: {name: %s, namespace: %s}
        spec:
          providerRef: {name: %s}
          eventSources:
          - kind: Application
            name: '*'
        %s""".formatted(name, ns, provider, Orchestrated.indent(extra, 2)), Alert.class)).create();
    awaitReady(Alert.class, name);
  }

  <T extends io.fabric8.kubernetes.client.CustomResource<?, dev.keelson.api.v1alpha1.NotificationStatus>> void awaitReady(
      Class<T> type, String name) {
    await().atMost(TIMEOUT).untilAsserted(() -> {
      T o = client.resources(type).inNamespace(ns).withName(name).get();
      assertThat(o.getStatus()).as(name).isNotNull();
      assertThat(o.getStatus().conditions).as(name).anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }

  static JsonNode json(HookServer.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError(r.body(), e);
    }
  }

  static String name(HookServer.Request r) {
    return json(r).at("/involvedObject/name").asText();
  }

  static String reason(HookServer.Request r) {
    return json(r).at("/reason").asText();
  }

  static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  long kubeEvents(String app, String reason) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> app.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).count();
  }

  @Test
  @DisplayName("generic-hmac: an app that syncs and one whose sync fails (and is retried) send exactly their events, signed, once each; an error-only Alert with an exclusion list gets only the errors it lets through")
  void signedEventsOnceEach() throws Exception {
    try (HookServer all = new HookServer(); HookServer errors = new HookServer()) {
      secret("hook-key", "token", KEY);
      provider("all", "generic-hmac", all.url("/all"), "hook-key");
      alert("all", "all", "");
      provider("errors", "generic", errors.url("/errors"), null);
      alert("errors", "errors", """
          eventSeverity: error
          exclusionList: ["PreSync"]
          summary: shop on-call""");

      repo.write("good/cm.yaml", Manifests.configMap("good", "v1"))
          .write("bad/pre.yaml", Orchestrated.job("migrate", "keelson.dev/hook: PreSync", 3))
          .write("bad/cm.yaml", Manifests.configMap("bad", "x"))
          .write("broken/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n data: [unclosed\n");
      String sha = repo.commit("three apps");
      createApp(Manifests.application("good", ns, repo.url(), "good", true, true, false, "1h"));
      createApp(Orchestrated.app("bad", ns, repo.url(), """
          retry:
            limit: 2
            backoff:
              duration: 1s
              factor: 1""", "").replace("path: .", "path: bad"));
      createApp(Manifests.application("broken", ns, repo.url(), "broken", true, true, false, "2s"));

      awaitApp("good", a -> syncedAt(a, sha));
      // the failing sync ends three times (the first and two retries), each a SyncFailed Event
      await().atMost(TIMEOUT).until(() -> kubeEvents("bad", "SyncFailed") >= 3);
      await().atMost(TIMEOUT).until(() -> all.requests().stream()
          .anyMatch(r -> name(r).equals("bad") && reason(r).equals("SyncFailed")));
      await().atMost(TIMEOUT).until(() -> errors.requests().stream().anyMatch(r -> name(r).equals("broken")));

      List<HookServer.Request> got = all.requests();
      for (HookServer.Request r : got) {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/all");
        assertThat(r.header("X-Signature")).as(r.body()).isEqualTo(hmac(r.body()));
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(r).at("/involvedObject/kind").asText()).isEqualTo("Application");
        assertThat(json(r).at("/involvedObject/namespace").asText()).isEqualTo(ns);
      }
      // each event once: no (app, reason, revision) twice, though the failure was published three times
      assertThat(got.stream().map(r -> name(r) + "/" + reason(r) + "/" + json(r).at("/metadata/revision").asText()))
          .doesNotHaveDuplicates();
      List<String> good = got.stream().filter(r -> name(r).equals("good")).map(NotificationTest::reason).toList();
      assertThat(good).containsSubsequence("OperationStarted", "Synced");
      HookServer.Request synced = got.stream().filter(r -> name(r).equals("good") && reason(r).equals("Synced"))
          .findFirst().orElseThrow();
      assertThat(json(synced).at("/severity").asText()).isEqualTo("info");
      assertThat(json(synced).at("/metadata/revision").asText()).isEqualTo(sha);
      assertThat(json(synced).at("/message").asText()).startsWith("revision " + sha);
      HookServer.Request failed = got.stream().filter(r -> name(r).equals("bad") && reason(r).equals("SyncFailed"))
          .findFirst().orElseThrow();
      assertThat(json(failed).at("/severity").asText()).isEqualTo("error");
      assertThat(json(failed).at("/message").asText()).contains("migrate");
      assertThat(got.stream().filter(r -> name(r).equals("bad") && reason(r).equals("SyncFailed"))).hasSize(1);
      assertThat(got.stream().filter(r -> name(r).equals("broken") && reason(r).equals("RenderFailed"))).hasSize(1);

      // the error-only Alert: no info event, the excluded SyncFailed left out, the render failure with its summary
      List<HookServer.Request> errs = errors.requests();
      assertThat(errs).allSatisfy(r -> assertThat(json(r).at("/severity").asText()).isEqualTo("error"));
      assertThat(errs).noneMatch(r -> json(r).at("/message").asText().contains("PreSync"));
      assertThat(errs).noneMatch(r -> name(r).equals("good"));
      HookServer.Request render = errs.stream().filter(r -> name(r).equals("broken")).findFirst().orElseThrow();
      assertThat(reason(render)).isEqualTo("RenderFailed");
      assertThat(json(render).at("/metadata/summary").asText()).isEqualTo("shop on-call");
      assertThat(render.header("X-Signature")).isNull();

      // the key shows nowhere in the cluster's view of things
      assertThat(client.getKubernetesSerialization().asJson(client.resources(Provider.class).inNamespace(ns).list()))
          .doesNotContain(KEY);
      assertThat(client.getKubernetesSerialization().asJson(client.v1().events().inNamespace(ns).list()))
          .doesNotContain(KEY);
    }
  }

  @Test
  @DisplayName("github commit status: the applied commit goes pending, then success, on the repository of the app's source, with the token")
  void commitStatusPendingThenSuccess() throws Exception {
    try (HookServer github = new HookServer()) {
      secret("gh", "token", API_TOKEN);
      provider("github", "github", github.url("/api"), "gh");
      alert("status", "github", "");

      repo.write("cm.yaml", Manifests.configMap("web", "v1"));
      String sha = repo.commit("one");
      createApp(Manifests.application("web", ns, repo.url(), ".", true, true, false, "1h"));
      awaitApp("web", a -> syncedAt(a, sha));
      await().atMost(TIMEOUT).until(() -> github.requests().size() >= 2);

      List<HookServer.Request> got = github.requests();
      assertThat(got).extracting(HookServer.Request::path)
          .containsOnly("/api/repos/" + RepositoryPath.ownerRepo(repo.url()) + "/statuses/" + sha);
      assertThat(got).extracting(r -> json(r).at("/state").asText()).containsExactly("pending", "success");
      assertThat(got).allSatisfy(r -> {
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + API_TOKEN);
        assertThat(json(r).at("/context").asText()).isEqualTo("keelson/" + ns + "/web");
      });
      assertThat(json(got.get(1)).at("/description").asText()).startsWith("Synced: revision " + sha.substring(0, 7));
    }
  }

  @Test
  @DisplayName("a receiver answering 500 twice, then 200, gets the event once after retries, and the later events in order")
  void retriedUntilDelivered() throws Exception {
    try (HookServer flaky = new HookServer(500, 500)) {
      provider("flaky", "generic", flaky.url("/hook"), null);
      alert("flaky", "flaky", "");

      repo.write("cm.yaml", Manifests.configMap("retried", "v1"));
      String sha = repo.commit("one");
      createApp(Manifests.application("retried", ns, repo.url(), ".", true, true, false, "1h"));
      awaitApp("retried", a -> syncedAt(a, sha));
      await().atMost(TIMEOUT).until(() -> flaky.requests().stream()
          .anyMatch(r -> r.answered() == 200 && reason(r).equals("Synced")));

      List<HookServer.Request> got = flaky.requests();
      assertThat(got.get(0).answered()).isEqualTo(500);
      assertThat(got.get(1).answered()).isEqualTo(500);
      // the same event three times (two failures, then delivered), then each later one once
      assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
      assertThat(got.get(2).body()).isEqualTo(got.get(0).body());
      assertThat(got.get(2).answered()).isEqualTo(200);
      List<HookServer.Request> delivered = got.stream().filter(r -> r.answered() == 200).toList();
      assertThat(delivered).extracting(NotificationTest::reason).doesNotHaveDuplicates()
          .containsSubsequence("OperationStarted", "Synced");
      assertThat(got).hasSize(delivered.size() + 2);
      String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + controller.metricsPort() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("keelson_notifications_total{result=\"retried\",type=\"generic\"")
          .contains("keelson_notifications_total{result=\"delivered\",type=\"generic\"");
    }
  }

  static String flag(String ready) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: flag
        data:
          ready: "%s"
        """.formatted(ready);
  }

  @Test
  @DisplayName("drift reverted by self-heal, health turning Degraded and recovering: each notified once, with its revision and severity")
  void driftAndHealth() throws Exception {
    try (HookServer hook = new HookServer()) {
      provider("hook", "generic", hook.url("/hook"), null);
      alert("hook", "hook", "");
      repo.write("flag.yaml", flag("true"));
      String ready = repo.commit("ready");
      createApp(Manifests.application("cel", ns, repo.url(), ".", true, true, true, "2s").replace("syncPolicy:", """
          healthChecks:
            - apiVersion: v1
              kind: ConfigMap
              current: "self.data.ready == 'true'"
              failed: "self.data.ready == 'broken'"
            syncPolicy:"""));
      awaitApp("cel", a -> syncedAt(a, ready) && healthy(a));

      dev.keelson.api.RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("flag"), cm -> {
        cm.getData().put("ready", "hand-edited");
        return cm;
      });
      await().atMost(TIMEOUT).until(() -> hook.requests().stream().anyMatch(r -> reason(r).equals("DriftReverted")));

      repo.write("flag.yaml", flag("broken"));
      String broken = repo.commit("broken");
      await().atMost(TIMEOUT).until(() -> hook.requests().stream().anyMatch(r -> reason(r).equals("HealthDegraded")));
      repo.write("flag.yaml", flag("true"));
      String fixed = repo.commit("fixed");
      await().atMost(TIMEOUT).until(() -> hook.requests().stream().anyMatch(r -> reason(r).equals("HealthRecovered")));

      List<HookServer.Request> got = hook.requests();
      HookServer.Request reverted = got.stream().filter(r -> reason(r).equals("DriftReverted")).findFirst().orElseThrow();
      assertThat(json(reverted).at("/severity").asText()).isEqualTo("info");
      assertThat(json(reverted).at("/message").asText()).contains("flag").contains("reverted");
      assertThat(json(reverted).at("/metadata/revision").asText()).isEqualTo(ready);
      HookServer.Request degraded = got.stream().filter(r -> reason(r).equals("HealthDegraded")).findFirst().orElseThrow();
      assertThat(json(degraded).at("/severity").asText()).isEqualTo("error");
      assertThat(json(degraded).at("/metadata/revision").asText()).isEqualTo(broken);
      HookServer.Request recovered = got.stream().filter(r -> reason(r).equals("HealthRecovered")).findFirst().orElseThrow();
      assertThat(json(recovered).at("/severity").asText()).isEqualTo("info");
      assertThat(json(recovered).at("/metadata/revision").asText()).isEqualTo(fixed);
      assertThat(got.stream().filter(r -> reason(r).startsWith("Health"))).hasSize(2);
    }
  }

  @Test
  @DisplayName("bad Providers and Alerts say why in Ready, without repeating the Secret")
  void badInputIsNamed() {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Provider
        metadata: {name: nosecret, namespace: %s}
        spec: {type: generic-hmac, address: "http://127.0.0.1:1/x", secretRef: {name: missing}}
        """.formatted(ns), Provider.class)).create();
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Provider
        metadata: {name: pager, namespace: %s}
        spec: {type: pagerduty, address: "http://127.0.0.1:1/x"}
        """.formatted(ns), Provider.class)).create();
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Alert
        metadata: {name: orphan, namespace: %s}
        spec:
          providerRef: {name: nowhere}
          eventSources: [{kind: Application, name: '*'}]
        """.formatted(ns), Alert.class)).create();
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(readyMessage(Provider.class, "nosecret")).contains("Secret " + ns + "/missing not found");
      assertThat(readyMessage(Provider.class, "pager")).contains("spec.type: pagerduty");
      assertThat(readyMessage(Alert.class, "orphan")).contains("Provider " + ns + "/nowhere not found");
    });
  }

  <T extends io.fabric8.kubernetes.client.CustomResource<?, dev.keelson.api.v1alpha1.NotificationStatus>> String readyMessage(
      Class<T> type, String name) {
    T o = client.resources(type).inNamespace(ns).withName(name).get();
    if (o == null || o.getStatus() == null) return "";
    return o.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType()) && "False".equals(c.getStatus()))
        .map(io.fabric8.kubernetes.api.model.Condition::getMessage).findFirst().orElse("");
  }
}
