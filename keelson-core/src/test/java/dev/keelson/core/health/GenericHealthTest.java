package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** kstatus conventions for custom resources and every kind without its own rule. */
class GenericHealthTest {

  private static Health custom(long generation, String status) {
    return Live.assess(
        """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: app, namespace: flux-system, generation: %d}
        spec: {url: "https://example.com/app.git", interval: 1m}
        status:
        %s
        """
            .formatted(generation, status.lines().map(l -> "  " + l + "\n").reduce("", String::concat)));
  }

  @Test
  void readyTrueIsHealthy() {
    Health h =
        custom(
            2,
            """
            observedGeneration: 2
            conditions:
              - type: Ready
                status: "True"
                reason: Succeeded
                message: "stored artifact for revision 'main@sha1:abc'"
            """);
    assertThat(h).isEqualTo(Health.healthy("stored artifact for revision 'main@sha1:abc'"));
  }

  @Test
  void olderObservedGenerationIsProgressing() {
    Health h =
        custom(3, "observedGeneration: 2\nconditions: [{type: Ready, status: \"True\"}]");
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
    assertThat(h.message()).contains("generation 3");
  }

  @Test
  void stalledIsDegraded() {
    Health h =
        custom(
            1,
            """
            observedGeneration: 1
            conditions:
              - {type: Stalled, status: "True", reason: InvalidURL, message: "invalid url"}
              - {type: Ready, status: "False", reason: InvalidURL}
            """);
    assertThat(h).isEqualTo(Health.degraded("invalid url"));
  }

  @Test
  void reconcilingIsProgressing() {
    Health h =
        custom(
            1,
            """
            observedGeneration: 1
            conditions:
              - {type: Reconciling, status: "True", reason: Progressing, message: "building artifact"}
              - {type: Ready, status: "Unknown", reason: Progressing}
            """);
    assertThat(h).isEqualTo(Health.progressing("building artifact"));
  }

  @Test
  void readyFalseIsDegradedUnlessTheReasonSaysItIsStillWorking() {
    Health failed =
        custom(
            1,
            """
            observedGeneration: 1
            conditions:
              - {type: Ready, status: "False", reason: GitOperationFailed, message: "auth failed"}
            """);
    Health waiting =
        custom(
            1,
            """
            observedGeneration: 1
            conditions:
              - {type: Ready, status: "False", reason: DependencyNotReady, message: "dependency 'infra' is not ready"}
            """);
    assertThat(failed).isEqualTo(Health.degraded("auth failed"));
    assertThat(waiting.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void readyUnknownIsProgressing() {
    Health h = custom(1, "conditions: [{type: Ready, status: \"Unknown\", reason: Pending}]");
    assertThat(h.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void availableConditionCountsWhenThereIsNoReady() {
    Health available = custom(1, "conditions: [{type: Available, status: \"True\"}]");
    Health unavailable = custom(1, "conditions: [{type: Available, status: \"False\", reason: MinimumReplicasUnavailable}]");
    assertThat(available.status()).isEqualTo(HealthStatus.Healthy);
    assertThat(unavailable.status()).isEqualTo(HealthStatus.Progressing);
  }

  @Test
  void statusWithoutConditionsIsHealthy() {
    assertThat(custom(1, "observedGeneration: 1").status()).isEqualTo(HealthStatus.Healthy);
    assertThat(
            Live.assess(
                "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec: {schedule: \"0 3 * * *\"}\n"))
        .isEqualTo(Health.healthy());
  }
}
