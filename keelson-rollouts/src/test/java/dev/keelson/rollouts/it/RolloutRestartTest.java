package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.runtime.RolloutOptions;
import dev.keelson.rollouts.runtime.RolloutReconciler;
import dev.keelson.rollouts.runtime.RolloutRequest;
import io.javaoperatorsdk.operator.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A controller restarted in the middle of a rollout carries on from the same step and pause. */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RolloutRestartTest extends RolloutTestBase {

  @Test
  void aNewControllerCarriesOnFromTheSameStep() {
    create("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web, annotations: {}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "1"}}
            spec: {containers: [{name: web, image: example.com/web:1}]}
          strategy:
            canary:
              scaleDownDelaySeconds: 1
              steps: [{setWeight: 50}, {pause: {}}, {setWeight: 100}, {pause: {}}]
        """);
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    setVersion("web", "2");
    Rollout paused = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex));
    String pausedAt = paused.getStatus().pauseConditions.get(0).startTime;

    operator.stop();
    operator = new Operator(o -> {
      o.withKubernetesClient(client);
      o.withCloseClientOnStop(false);
      o.withUseSSAToPatchPrimaryResource(false);
    });
    operator.register(new RolloutReconciler(client, RolloutOptions.defaults()));
    operator.start();

    // the new controller's first pass sees the same step, the same pause, the same replicas
    request("web", RolloutRequest.Action.pause);
    Rollout after = awaitRollout("web", r -> r.getStatus().history.stream().anyMatch(h -> "pause".equals(h.action)));
    assertThat(after.getStatus().currentStepIndex).isEqualTo(1);
    assertThat(after.getStatus().pauseConditions).anySatisfy(p -> assertThat(p.startTime).isEqualTo(pausedAt));
    assertThat(replicaSet("web", after.getStatus().currentPodHash).getSpec().getReplicas()).isEqualTo(1);

    request("web", RolloutRequest.Action.resume);
    request("web", RolloutRequest.Action.promote);
    Rollout next = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(3).equals(r.getStatus().currentStepIndex));
    assertThat(next.getStatus().canaryWeight).isEqualTo(100);
    awaitReplicas("web", next.getStatus().currentPodHash, 2);
    awaitReplicas("web", next.getStatus().stableRS, 0);
  }
}
