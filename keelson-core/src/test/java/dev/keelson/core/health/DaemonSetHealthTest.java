package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonSetHealthTest {

  private static Health ds(String strategy, long generation, String status) {
    return Live.assess(
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: monitoring, generation: %d}
        spec:
          updateStrategy: {type: %s}
        status:
        %s
        """
            .formatted(
                generation, strategy, status.lines().map(l -> "  " + l + "\n").reduce("", String::concat)));
  }

  @Test
  void allNodesUpdatedAndAvailableIsHealthy() {
    Health h =
        ds(
            "RollingUpdate",
            3,
            """
            observedGeneration: 3
            currentNumberScheduled: 3
            desiredNumberScheduled: 3
            numberAvailable: 3
            numberReady: 3
            updatedNumberScheduled: 3
            """);
    assertThat(h).isEqualTo(Health.healthy());
  }

  @Test
  void unobservedGenerationIsProgressing() {
    Health h = ds("RollingUpdate", 4, "observedGeneration: 3\ndesiredNumberScheduled: 1");
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void podsNotYetUpdatedIsProgressing() {
    Health h =
        ds(
            "RollingUpdate",
            3,
            "observedGeneration: 3\ndesiredNumberScheduled: 3\nupdatedNumberScheduled: 1\nnumberAvailable: 3");
    assertThat(h)
        .isEqualTo(
            Health.progressing(
                "Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated..."));
  }

  @Test
  void podsNotAvailableIsProgressing() {
    Health h =
        ds(
            "RollingUpdate",
            3,
            "observedGeneration: 3\ndesiredNumberScheduled: 3\nupdatedNumberScheduled: 3\nnumberAvailable: 2");
    assertThat(h.message()).contains("2 of 3 updated pods are available");
  }

  @Test
  void onDeleteIsHealthy() {
    Health h =
        ds("OnDelete", 3, "observedGeneration: 2\ndesiredNumberScheduled: 3\nupdatedNumberScheduled: 1");
    assertThat(h.status()).isEqualTo(HealthStatus.Healthy);
  }
}
