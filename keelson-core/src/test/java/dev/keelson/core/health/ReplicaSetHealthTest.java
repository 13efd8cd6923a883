package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaSetHealthTest {

  @Test
  void availableReplicasIsHealthy() {
    Health h =
        Live.assess(
            """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-7d9f, generation: 1}
            spec: {replicas: 2}
            status: {observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2}
            """);
    assertThat(h).isEqualTo(Health.healthy());
  }

  @Test
  void replicaFailureIsDegraded() {
    Health h =
        Live.assess(
            """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-7d9f, generation: 1}
            spec: {replicas: 2}
            status:
              observedGeneration: 1
              replicas: 0
              conditions:
                - type: ReplicaFailure
                  status: "True"
                  reason: FailedCreate
                  message: 'pods "web-7d9f-" is forbidden: exceeded quota: compute'
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Degraded);
    assertThat(h.message()).contains("exceeded quota");
  }

  @Test
  void missingReplicasIsProgressing() {
    Health h =
        Live.assess(
            """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-7d9f, generation: 1}
            spec: {replicas: 3}
            status: {observedGeneration: 1, replicas: 3, availableReplicas: 1}
            """);
    assertThat(h)
        .isEqualTo(
            Health.progressing("Waiting for rollout to finish: 1 out of 3 new replicas are available..."));
  }

  @Test
  void unobservedGenerationIsProgressing() {
    Health h =
        Live.assess(
            """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-7d9f, generation: 2}
            spec: {replicas: 1}
            status: {observedGeneration: 1, availableReplicas: 1}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }
}
