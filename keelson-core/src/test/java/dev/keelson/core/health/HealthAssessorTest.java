package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthAssessorTest {

  private final HealthAssessor assessor = new HealthAssessor();

  @Test
  void absentObjectIsMissing() {
    assertThat(assessor.assess(null)).isEqualTo(Health.missing());
  }

  @Test
  void objectBeingDeletedIsProgressingWhateverItsStatus() {
    Health h =
        Live.assess(
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: old
              deletionTimestamp: "2024-05-01T10:00:00Z"
            status:
              phase: Active
            """);
    assertThat(h).isEqualTo(Health.progressing("Pending deletion"));
  }

  @Test
  void dispatchesOnGroupNotOnKindAlone() {
    // A Knative Service is not a core Service: it is judged by its Ready condition.
    Health knative =
        Live.assess(
            """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: {name: hello, generation: 1}
            status:
              observedGeneration: 1
              conditions:
                - type: Ready
                  status: "False"
                  reason: RevisionFailed
                  message: Revision "hello-00001" failed with message container failed to start
            """);
    assertThat(knative.status()).isEqualTo(HealthStatus.Degraded);
    assertThat(knative.message()).contains("hello-00001");
  }

  @Test
  void malformedStatusDoesNotThrow() {
    Health h =
        Live.assess(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: odd, generation: 1}
            spec: "not a map"
            status: [1, 2]
            """);
    // Nothing readable: generation 1 was never observed.
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void plainObjectsAreHealthyByExisting() {
    assertThat(
            Live.assess(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg}
                data: {a: b}
                """))
        .isEqualTo(Health.healthy());
    assertThat(
            Live.assess(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: r, namespace: ns}
                rules: []
                """))
        .isEqualTo(Health.healthy());
  }
}
