package dev.keelson.core.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.cel.CelEvaluationException;
import dev.keelson.core.manifest.ManifestParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadyExpressionTest {

  /** An Application as read from the cluster. */
  private static Map<String, Object> app(String name, String status) {
    String yaml =
        """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: %s, namespace: apps, generation: 4}
        spec:
          source: {repoURL: "https://git.example.com/platform.git", path: %s}
        %s
        """
            .formatted(name, name, status);
    try {
      return new ManifestParser().parse("app.yaml", yaml).get(0).body();
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final String SYNCED_HEALTHY =
      """
      status:
        observedGeneration: 4
        sync: {status: Synced, revision: 3f2a9c1e}
        health: {status: Healthy}
        operationState: {phase: Succeeded, revision: 3f2a9c1e, retryCount: 0}
      """;

  private static final Map<String, Object> SELF =
      app(
          "web",
          """
          status:
            sync: {status: OutOfSync, revision: 3f2a9c1e}
            health: {status: Missing}
          """);

  @Test
  void syncedAndHealthyIsReadyByDefault() {
    assertThat(ReadyExpression.defaultReady(app("db", SYNCED_HEALTHY))).isTrue();
  }

  @Test
  void outOfSyncOrUnhealthyIsNotReadyByDefault() {
    assertThat(
            ReadyExpression.defaultReady(
                app("db", "status: {sync: {status: OutOfSync}, health: {status: Healthy}}")))
        .isFalse();
    assertThat(
            ReadyExpression.defaultReady(
                app("db", "status: {sync: {status: Synced}, health: {status: Progressing}}")))
        .isFalse();
    assertThat(
            ReadyExpression.defaultReady(
                app("db", "status: {sync: {status: Synced}, health: {status: Degraded}}")))
        .isFalse();
  }

  @Test
  void runningOperationIsNotReadyByDefault() {
    // Synced and Healthy so far, but later waves or PostSync hooks are still to come.
    Map<String, Object> midSync =
        app(
            "db",
            """
            status:
              sync: {status: Synced}
              health: {status: Healthy}
              operationState: {phase: Running, syncPhase: Sync, wave: 1}
            """);
    assertThat(ReadyExpression.defaultReady(midSync)).isFalse();
  }

  @Test
  void newOrMissingAppIsNotReadyByDefault() {
    assertThat(ReadyExpression.defaultReady(app("db", ""))).isFalse();
    assertThat(ReadyExpression.defaultReady(app("db", "status: {}"))).isFalse();
    assertThat(ReadyExpression.defaultReady(app("db", "status: {sync: \"odd\"}"))).isFalse();
    assertThat(ReadyExpression.defaultReady(null)).isFalse();
  }

  @Test
  void readyExprComparesDepWithSelf() throws CelEvaluationException {
    ReadyExpression sameRevision =
        ReadyExpression.compile(
            "dep.status.health.status == 'Healthy'"
                + " && dep.status.sync.revision == self.status.sync.revision");
    assertThat(sameRevision.isReady(app("db", SYNCED_HEALTHY), SELF)).isTrue();

    Map<String, Object> olderDep =
        app(
            "db",
            """
            status:
              sync: {status: Synced, revision: 0000000a}
              health: {status: Healthy}
            """);
    assertThat(sameRevision.isReady(olderDep, SELF)).isFalse();
  }

  @Test
  void readyExprCanIgnoreSyncStatus() throws CelEvaluationException {
    // A dependency that drifts (e.g. an HPA changes replicas) but runs fine is good enough.
    ReadyExpression healthyOnly =
        ReadyExpression.compile(
            "has(dep.status.health) && dep.status.health.status in ['Healthy', 'Suspended']");
    Map<String, Object> drifted =
        app("db", "status: {sync: {status: OutOfSync}, health: {status: Healthy}}");
    assertThat(ReadyExpression.defaultReady(drifted)).isFalse();
    assertThat(healthyOnly.isReady(drifted, SELF)).isTrue();
    assertThat(healthyOnly.isReady(app("db", "status: {}"), SELF)).isFalse();
  }

  @Test
  void readyExprSeesNumbersAsInts() throws CelEvaluationException {
    ReadyExpression current =
        ReadyExpression.compile("dep.status.observedGeneration == dep.metadata.generation");
    assertThat(current.isReady(app("db", SYNCED_HEALTHY), SELF)).isTrue();
  }

  @Test
  void readingAbsentStatusFails() {
    ReadyExpression expr = ReadyExpression.compile("dep.status.health.status == 'Healthy'");
    assertThatThrownBy(() -> expr.isReady(app("db", ""), SELF))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("dep.status.health.status == 'Healthy'")
        .hasMessageContaining("status");
  }

  @Test
  void nonBooleanResultFails() {
    ReadyExpression expr = ReadyExpression.compile("dep.status.health.status");
    assertThatThrownBy(() -> expr.isReady(app("db", SYNCED_HEALTHY), SELF))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("not a bool");
  }

  @Test
  void invalidReadyExprIsRejectedWhenCompiled() {
    assertThatThrownBy(() -> ReadyExpression.compile("dep.status.health.status = 'Healthy'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dep.status.health.status = 'Healthy''");
    assertThatThrownBy(() -> ReadyExpression.compile("app.status.health.status == 'Healthy'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("undeclared reference to 'app'");
    assertThatThrownBy(() -> ReadyExpression.compile("size(dep.status.resources)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bool");
  }

  @Test
  void keepsItsSource() {
    assertThat(ReadyExpression.compile("true").source()).isEqualTo("true");
    assertThat(ReadyExpression.compile("true")).hasToString("true");
  }
}
