package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.rollouts.runtime.RolloutRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * spec.onAbort.pinApplication: an abort writes the owning Application's rollback request for its
 * last healthy revision, the request `keelson app rollback` writes (the app engine's own tests
 * cover what it does with it).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RolloutPinApplicationTest extends RolloutTestBase {

  @BeforeAll
  static void applicationCrd() throws Exception {
    installCrd(Application.CRD_NAME);
  }

  private static ApplicationStatus.HistoryEntry deployed(long id, String revision) {
    ApplicationStatus.HistoryEntry h = new ApplicationStatus.HistoryEntry();
    h.id = id;
    h.revision = revision;
    h.result = "Succeeded";
    h.deployedAt = "2026-12-01T10:0" + id + ":00Z";
    return h;
  }

  @Test
  void anAbortPinsTheOwningApplicationToItsLastHealthyRevision() throws Exception {
    Application app = client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: shop}
        spec:
          source: {repoURL: "file:///nowhere"}
        """, Application.class)).inNamespace(ns).create();
    ApplicationStatus status = new ApplicationStatus();
    status.history.add(deployed(1, "aaa111"));
    status.history.add(deployed(2, "bbb222"));
    status.history.add(deployed(3, "ccc333"));
    status.history.add(deployed(4, "ccc333")); // a re-sync of the same revision is not what to return to
    app.setStatus(status);
    client.resource(app).inNamespace(ns).updateStatus();

    create("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata:
          name: web
          annotations: {"keelson.dev/tracking-id": "%1$s/shop:keelson.dev/Rollout:%1$s/web"}
        spec:
          replicas: 2
          onAbort: {pinApplication: true}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "1"}}
            spec: {containers: [{name: web, image: example.com/web:1}]}
          strategy:
            canary:
              steps:
              - setWeight: 50
              - pause: {}
        """.formatted(ns));
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    setVersion("web", "2");
    awaitRollout("web", r -> "Paused".equals(r.getStatus().phase));
    request("web", RolloutRequest.Action.abort);
    awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));

    await().atMost(TIMEOUT).until(() -> {
      var a = client.resources(Application.class).inNamespace(ns).withName("shop").get().getMetadata().getAnnotations();
      return a != null && a.containsKey("keelson.dev/rollback");
    });
    String value = client.resources(Application.class).inNamespace(ns).withName("shop").get().getMetadata()
        .getAnnotations().get("keelson.dev/rollback");
    Map<?, ?> request = new ObjectMapper().readValue(value, Map.class);
    assertThat(request.get("historyId")).isEqualTo(2);
    assertThat(request.get("by")).isEqualTo("rollout " + ns + "/web");
    assertThat(request.get("at")).isNotNull();
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> client.v1().events().inNamespace(ns).list()
        .getItems().stream().anyMatch(e -> "ApplicationPinned".equals(e.getReason())
            && e.getMessage().contains("history entry 2 (revision bbb222)")));
    assertThat(rollout("web").getSpec().onAbort.pinApplication).isTrue();
  }
}
