package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.rollouts.runtime.RolloutRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A Rollout in Git, reconciled by the controller's own Rollout reconciler: the Application is
 * Suspended while the canary pauses, Healthy once promoted, Degraded when aborted; and the
 * engine leaves the operator's request annotation on the Rollout alone.
 */
class RolloutInAppTest extends ControllerTestBase {

  private static String rollout(String version) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "%s"}}
            spec: {containers: [{name: web, image: "example.com/web:%s"}]}
          strategy:
            canary:
              scaleDownDelaySeconds: 1
              steps: [{setWeight: 50}, {pause: {}}]
        """.formatted(version, version);
  }

  private static boolean health(Application a, String status) {
    return a.getStatus() != null && a.getStatus().health != null && status.equals(a.getStatus().health.status);
  }

  private void request(RolloutRequest.Action action) {
    String value = new RolloutRequest(action, "alice", Instant.now().toString()).toJson();
    RetryOnConflict.edit(client.resources(Rollout.class).inNamespace(ns).withName("web"), r -> {
      if (r.getMetadata().getAnnotations() == null) r.getMetadata().setAnnotations(new java.util.HashMap<>());
      r.getMetadata().getAnnotations().put(RolloutRequest.ANNOTATION, value);
      return r;
    });
  }

  @Test
  void applicationHealthFollowsItsRollout() throws Exception {
    repo.write("app/rollout.yaml", rollout("1"));
    String v1 = repo.commit("web 1");
    createApp(Manifests.application("shop", ns, repo.url(), "app", true, true, true, "1s"));
    awaitApp("shop", a -> syncedAt(a, v1) && health(a, "Healthy"));

    repo.write("app/rollout.yaml", rollout("2"));
    String v2 = repo.commit("web 2");
    Application paused = awaitApp("shop", a -> syncedAt(a, v2) && health(a, "Suspended"));
    assertThat(paused.getStatus().health.status).isEqualTo("Suspended");

    request(RolloutRequest.Action.promote);
    awaitApp("shop", a -> health(a, "Healthy"));
    Rollout promoted = client.resources(Rollout.class).inNamespace(ns).withName("web").get();
    assertThat(promoted.getStatus().stableRS).isEqualTo(promoted.getStatus().currentPodHash);
    assertThat(promoted.getMetadata().getAnnotations()).containsKey(RolloutRequest.ANNOTATION);

    repo.write("app/rollout.yaml", rollout("3"));
    String v3 = repo.commit("web 3");
    awaitApp("shop", a -> syncedAt(a, v3) && health(a, "Suspended"));
    request(RolloutRequest.Action.abort);
    Application degraded = awaitApp("shop", a -> health(a, "Degraded"));
    assertThat(degraded.getStatus().health.message).contains("aborted by alice");
  }
}
