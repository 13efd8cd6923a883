package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeploymentHealthTest {

  private static String deployment(String spec, long generation, String status) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          generation: %d
        spec:
          selector: {matchLabels: {app: web}}
        %s
        status:
        %s
        """
        .formatted(generation, indent(spec), indent(status));
  }

  private static String indent(String s) {
    return s.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void fullyRolledOutIsHealthy() {
    Health h =
        Live.assess(
            deployment(
                "replicas: 2",
                3,
                """
                observedGeneration: 3
                replicas: 2
                updatedReplicas: 2
                readyReplicas: 2
                availableReplicas: 2
                conditions:
                  - type: Available
                    status: "True"
                    reason: MinimumReplicasAvailable
                  - type: Progressing
                    status: "True"
                    reason: NewReplicaSetAvailable
                """));
    assertThat(h).isEqualTo(Health.healthy());
  }

  @Test
  void pausedIsSuspended() {
    Health h =
        Live.assess(
            deployment(
                "replicas: 2\npaused: true",
                2,
                "observedGeneration: 2\nreplicas: 2\nupdatedReplicas: 1\navailableReplicas: 2"));
    assertThat(h).isEqualTo(Health.suspended("Deployment is paused"));
  }

  @Test
  void unobservedGenerationIsProgressing() {
    Health h =
        Live.assess(
            deployment(
                "replicas: 2",
                4,
                "observedGeneration: 3\nreplicas: 2\nupdatedReplicas: 2\navailableReplicas: 2"));
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
    assertThat(h.message()).startsWith("Waiting for rollout to be observed");
  }

  @Test
  void newlyCreatedWithoutStatusIsProgressing() {
    Health h =
        Live.assess(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, generation: 1}
            spec: {replicas: 1}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void progressDeadlineExceededIsDegraded() {
    Health h =
        Live.assess(
            deployment(
                "replicas: 2",
                5,
                """
                observedGeneration: 5
                replicas: 3
                updatedReplicas: 1
                availableReplicas: 2
                unavailableReplicas: 1
                conditions:
                  - type: Available
                    status: "True"
                    reason: MinimumReplicasAvailable
                  - type: Progressing
                    status: "False"
                    reason: ProgressDeadlineExceeded
                    message: ReplicaSet "web-7d9f" has timed out progressing.
                """));
    assertThat(h).isEqualTo(Health.degraded("Deployment \"web\" exceeded its progress deadline"));
  }

  @Test
  void notAllReplicasUpdatedIsProgressing() {
    Health h =
        Live.assess(
            deployment(
                "replicas: 3",
                2,
                "observedGeneration: 2\nreplicas: 4\nupdatedReplicas: 1\navailableReplicas: 3"));
    assertThat(h)
        .isEqualTo(
            Health.progressing(
                "Waiting for rollout to finish: 1 out of 3 new replicas have been updated..."));
  }

  @Test
  void oldReplicasPendingTerminationIsProgressing() {
    Health h =
        Live.assess(
            deployment(
                "replicas: 2",
                2,
                "observedGeneration: 2\nreplicas: 3\nupdatedReplicas: 2\navailableReplicas: 2"));
    assertThat(h)
        .isEqualTo(
            Health.progressing(
                "Waiting for rollout to finish: 1 old replicas are pending termination..."));
  }

  @Test
  void updatedButNotAvailableIsProgressing() {
    Health h =
        Live.assess(
            deployment(
                "replicas: 2",
                2,
                "observedGeneration: 2\nreplicas: 2\nupdatedReplicas: 2\navailableReplicas: 1"));
    assertThat(h)
        .isEqualTo(
            Health.progressing(
                "Waiting for rollout to finish: 1 of 2 updated replicas are available..."));
  }

  @Test
  void replicasDefaultToOne() {
    Health h =
        Live.assess(deployment("strategy: {type: Recreate}", 1, "observedGeneration: 1"));
    assertThat(h.message()).contains("0 out of 1 new replicas");
  }

  @Test
  void scaledToZeroIsHealthy() {
    Health h = Live.assess(deployment("replicas: 0", 7, "observedGeneration: 7"));
    assertThat(h).isEqualTo(Health.healthy());
  }
}
