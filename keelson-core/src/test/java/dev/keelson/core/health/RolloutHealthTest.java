package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An Application follows its Rollouts: Progressing while stepping, Suspended while paused, Degraded when aborted. */
class RolloutHealthTest {

  private static Health assess(String status, long generation) {
    return Live.assess("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web, namespace: shop, generation: %d}
        %s
        """.formatted(generation, status));
  }

  @Test
  void phasesMapToHealth() {
    assertThat(assess("status: {observedGeneration: 1, phase: Healthy}", 1).status()).isEqualTo(HealthStatus.Healthy);
    assertThat(assess("status: {observedGeneration: 1, phase: Progressing, message: 'step 1/4'}", 1))
        .isEqualTo(Health.progressing("step 1/4"));
    assertThat(assess("status: {observedGeneration: 1, phase: Paused, message: 'step 2/4: paused until promoted'}", 1)
        .status()).isEqualTo(HealthStatus.Suspended);
    Health aborted = assess("status: {observedGeneration: 1, phase: Degraded, message: 'Rollout aborted: analysis failed'}", 1);
    assertThat(aborted).isEqualTo(Health.degraded("Rollout aborted: analysis failed"));
  }

  @Test
  void aSpecNotYetObservedIsProgressing() {
    assertThat(assess("", 1).status()).isEqualTo(HealthStatus.Progressing);
    assertThat(assess("status: {observedGeneration: 1, phase: Healthy}", 2).status()).isEqualTo(HealthStatus.Progressing);
  }
}
