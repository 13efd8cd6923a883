package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.localcluster.NodeSimulator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** progressDeadlineSeconds: a canary whose pods never become ready is Degraded, saying which ReplicaSet timed out. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RolloutProgressDeadlineTest extends RolloutTestBase {

  @Test
  void aCanaryThatNeverBecomesAvailableExceedsTheDeadline() {
    create("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web, annotations: {}}
        spec:
          replicas: 2
          progressDeadlineSeconds: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "1"}}
            spec: {containers: [{name: web, image: example.com/web:1}]}
          strategy:
            canary:
              steps:
              - setWeight: 50
              - pause: {}
        """);
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    RetryOnConflict.edit(client.resources(Rollout.class).inNamespace(ns).withName("web"), r -> {
      r.getSpec().template.getMetadata().getAnnotations().put(NodeSimulator.SIMULATE_READY, "false");
      return r;
    });
    Rollout stuck = awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    String v2 = stuck.getStatus().currentPodHash;
    assertThat(stuck.getStatus().message).contains("ReplicaSet web-" + v2 + " has timed out progressing")
        .contains("progressDeadlineSeconds 3");
    assertThat(stuck.getStatus().conditions).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Progressing");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
    });
    // not an abort: the stable keeps serving and the canary keeps its pods
    assertThat(stuck.getStatus().abort).isNull();
    assertThat(stuck.getStatus().stableRS).isEqualTo(v1);
    assertThat(replicaSet("web", v2).getSpec().getReplicas()).isEqualTo(1);

    // a fixed template makes progress again: a new canary, on to its pause
    RetryOnConflict.edit(client.resources(Rollout.class).inNamespace(ns).withName("web"), r -> {
      r.getSpec().template.getMetadata().getAnnotations().remove(NodeSimulator.SIMULATE_READY);
      r.getSpec().template.getMetadata().getAnnotations().put("version", "3");
      return r;
    });
    Rollout fixed = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase));
    assertThat(fixed.getStatus().lastProgressAt).isNull();
    assertThat(fixed.getStatus().conditions).anySatisfy(c -> assertThat(c.getReason()).isEqualTo("RolloutPaused"));
  }
}
