package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatefulSetHealthTest {

  private static Health sts(String spec, String status) {
    return Live.assess(
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: data, generation: 2}
        spec:
          serviceName: db
        %s
        status:
        %s
        """
            .formatted(
                spec.lines().map(l -> "  " + l + "\n").reduce("", String::concat),
                status.lines().map(l -> "  " + l + "\n").reduce("", String::concat)));
  }

  @Test
  void rolledOutIsHealthy() {
    Health h =
        sts(
            "replicas: 3\nupdateStrategy: {type: RollingUpdate}",
            """
            observedGeneration: 2
            replicas: 3
            readyReplicas: 3
            currentReplicas: 3
            updatedReplicas: 3
            currentRevision: db-5c8b
            updateRevision: db-5c8b
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Healthy);
    assertThat(h.message()).contains("3 pods at revision db-5c8b");
  }

  @Test
  void unobservedSpecIsProgressing() {
    Health h = sts("replicas: 1", "observedGeneration: 1\nreadyReplicas: 1");
    assertThat(h).isEqualTo(Health.progressing("Waiting for statefulset spec update to be observed..."));
  }

  @Test
  void podsNotReadyIsProgressing() {
    Health h = sts("replicas: 3", "observedGeneration: 2\nreadyReplicas: 1");
    assertThat(h).isEqualTo(Health.progressing("Waiting for 2 pods to be ready..."));
  }

  @Test
  void rollingUpdateInFlightIsProgressing() {
    Health h =
        sts(
            "replicas: 2\nupdateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}",
            """
            observedGeneration: 2
            readyReplicas: 2
            updatedReplicas: 1
            currentRevision: db-old
            updateRevision: db-new
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
    assertThat(h.message()).contains("revision db-new");
  }

  @Test
  void partitionedRolloutIsHealthyOnceItsPartIsUpdated() {
    String spec = "replicas: 4\nupdateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}";
    Health waiting =
        sts(spec, "observedGeneration: 2\nreadyReplicas: 4\nupdatedReplicas: 1\ncurrentRevision: a\nupdateRevision: b");
    Health done =
        sts(spec, "observedGeneration: 2\nreadyReplicas: 4\nupdatedReplicas: 2\ncurrentRevision: a\nupdateRevision: b");
    assertThat(waiting.status()).isEqualTo(HealthStatus.Progressing);
    assertThat(waiting.message()).contains("1 out of 2 new pods");
    assertThat(done.status()).isEqualTo(HealthStatus.Healthy);
  }

  @Test
  void onDeleteIsHealthyWhenReady() {
    Health h =
        sts(
            "replicas: 1\nupdateStrategy: {type: OnDelete}",
            "observedGeneration: 2\nreadyReplicas: 1\ncurrentRevision: a\nupdateRevision: b");
    assertThat(h.status()).isEqualTo(HealthStatus.Healthy);
  }
}
