package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PersistentVolumeClaim, CustomResourceDefinition, Namespace and APIService. */
class ClusterObjectsHealthTest {

  @ParameterizedTest
  @CsvSource({"Bound,Healthy", "Pending,Progressing", "Lost,Degraded", "Weird,Unknown"})
  void persistentVolumeClaimByPhase(String phase, HealthStatus expected) {
    Health h =
        Live.assess(
            """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            status: {phase: %s}
            """
                .formatted(phase));
    assertThat(h.status()).isEqualTo(expected);
  }

  @Test
  void persistentVolumeClaimWithoutStatusIsProgressing() {
    Health h =
        Live.assess(
            """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  private static Health crd(String conditions) {
    return Live.assess(
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
        status:
          conditions:
        %s
        """
            .formatted(conditions.lines().map(l -> "    " + l + "\n").reduce("", String::concat)));
  }

  @Test
  void establishedCrdIsHealthy() {
    Health h =
        crd(
            """
            - {type: NamesAccepted, status: "True", reason: NoConflicts}
            - {type: Established, status: "True", reason: InitialNamesAccepted}
            """);
    assertThat(h).isEqualTo(Health.healthy("CRD is established"));
  }

  @Test
  void crdWithRejectedNamesIsDegraded() {
    Health h =
        crd(
            """
            - type: NamesAccepted
              status: "False"
              reason: KindConflict
              message: '"Widget" is already in use'
            - {type: Established, status: "False", reason: NotAccepted}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Degraded);
    assertThat(h.message()).contains("already in use");
  }

  @Test
  void crdWithNonStructuralSchemaIsDegraded() {
    Health h =
        crd(
            """
            - {type: NonStructuralSchema, status: "True", message: "spec.versions[0].schema: Required"}
            - {type: Established, status: "True"}
            """);
    assertThat(h.status()).isEqualTo(HealthStatus.Degraded);
  }

  @Test
  void crdNotYetEstablishedIsProgressing() {
    Health h = crd("- {type: NamesAccepted, status: \"True\"}");
    assertThat(h).isEqualTo(Health.progressing("CRD is not established"));
  }

  @Test
  void namespaceByPhase() {
    assertThat(
            Live.assess(
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\nstatus: {phase: Active}\n"))
        .isEqualTo(Health.healthy());
    assertThat(
            Live.assess(
                    "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\nstatus: {phase: Terminating}\n")
                .status())
        .isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void apiServiceByAvailableCondition() {
    Health available =
        Live.assess(
            """
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: v1beta1.metrics.k8s.io}
            spec: {service: {name: metrics-server, namespace: kube-system}}
            status:
              conditions:
                - {type: Available, status: "True", reason: Passed, message: all checks passed}
            """);
    Health unavailable =
        Live.assess(
            """
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: v1beta1.metrics.k8s.io}
            status:
              conditions:
                - type: Available
                  status: "False"
                  reason: MissingEndpoints
                  message: endpoints for service/metrics-server in "kube-system" have no addresses
            """);
    Health fresh =
        Live.assess(
            "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata: {name: v1.x.io}\n");
    assertThat(available).isEqualTo(Health.healthy("Passed: all checks passed"));
    assertThat(unavailable.status()).isEqualTo(HealthStatus.Progressing);
    assertThat(unavailable.message()).startsWith("MissingEndpoints: endpoints for service");
    assertThat(fresh).isEqualTo(Health.progressing("Waiting to be processed"));
  }
}
