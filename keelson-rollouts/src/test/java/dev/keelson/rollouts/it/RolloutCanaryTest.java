package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.runtime.RolloutRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Canary by replica counts, against the real API server: steps, pauses, promote, abort, retry. */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RolloutCanaryTest extends RolloutTestBase {
  private static final String ROLLOUT = """
      apiVersion: keelson.dev/v1alpha1
      kind: Rollout
      metadata:
        name: web
        annotations: {}
      spec:
        replicas: 4
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
            annotations: {version: "1"}
          spec:
            containers:
            - name: web
              image: example.com/web:1
        strategy:
          canary:
            canaryService: web-canary
            stableService: web-stable
            maxSurge: 1
            maxUnavailable: 0
            scaleDownDelaySeconds: 1
            steps:
            - setWeight: 25
            - pause: {}
            - setWeight: 50
            - pause: {duration: 1s}
      """;

  @Test
  void stepsThroughTheCanaryAndPromotes() {
    service("web-stable", Map.of("app", "web"));
    service("web-canary", Map.of("app", "web"));
    create(ROLLOUT);
    Rollout first = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    String v1 = first.getStatus().stableRS;
    assertThat(v1).isEqualTo(first.getStatus().currentPodHash);
    assertThat(replicaSet("web", v1).getSpec().getReplicas()).isEqualTo(4);
    assertThat(replicaSet("web", v1).getMetadata().getLabels()).containsEntry(Rollout.POD_TEMPLATE_HASH_LABEL, v1);
    assertThat(selectorHash("web-stable")).isEqualTo(v1);

    setVersion("web", "2");
    Rollout paused = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex));
    String v2 = paused.getStatus().currentPodHash;
    assertThat(v2).isNotEqualTo(v1);
    assertThat(paused.getStatus().stableRS).isEqualTo(v1);
    assertThat(paused.getStatus().canaryWeight).isEqualTo(25);
    assertThat(replicaSet("web", v2).getSpec().getReplicas()).isEqualTo(1);
    assertThat(replicaSet("web", v1).getSpec().getReplicas()).isEqualTo(3);
    assertThat(selectorHash("web-canary")).isEqualTo(v2);
    assertThat(selectorHash("web-stable")).isEqualTo(v1);

    request("web", RolloutRequest.Action.promote);
    // on through setWeight 50 and the one-second pause, then promoted
    Rollout done = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRS));
    assertThat(done.getStatus().currentStepIndex).isEqualTo(4);
    assertThat(done.getStatus().history).anySatisfy(h -> {
      assertThat(h.action).isEqualTo("promote");
      assertThat(h.requestedBy).isEqualTo("alice");
    });
    assertThat(selectorHash("web-stable")).isEqualTo(v2);
    assertThat(replicaSet("web", v2).getSpec().getReplicas()).isEqualTo(4);
    // the old stable goes once its scale-down delay is over
    awaitReplicas("web", v1, 0);
  }

  @Test
  void abortSendsTrafficBackToStableAndRetryStartsOver() {
    service("web-stable", Map.of("app", "web"));
    service("web-canary", Map.of("app", "web"));
    create(ROLLOUT);
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    setVersion("web", "bad");
    String v2 = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex)).getStatus().currentPodHash;

    request("web", RolloutRequest.Action.abort);
    Rollout aborted = awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    assertThat(aborted.getStatus().message).contains("aborted by alice");
    assertThat(aborted.getStatus().abort).isTrue();
    awaitReplicas("web", v2, 0);
    awaitReplicas("web", v1, 4);
    assertThat(selectorHash("web-stable")).isEqualTo(v1);

    request("web", RolloutRequest.Action.retry);
    Rollout retried = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex));
    assertThat(retried.getStatus().abort).isNull();
    awaitReplicas("web", v2, 1);
  }

  @Test
  void operatorPauseHoldsAndResumeGoesOn() {
    create(ROLLOUT.replace("      - pause: {}\n", ""));
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    request("web", RolloutRequest.Action.pause);
    awaitRollout("web", r -> r.getStatus().history.stream().anyMatch(h -> "pause".equals(h.action)));
    setVersion("web", "2");
    Rollout held = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && !v1.equals(r.getStatus().currentPodHash));
    assertThat(held.getStatus().currentStepIndex).isZero();
    request("web", RolloutRequest.Action.resume);
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase) && !v1.equals(r.getStatus().stableRS));
  }
}
