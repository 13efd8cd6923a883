package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A child Application in an app of apps. */
class ApplicationHealthTest {

  @ParameterizedTest
  @CsvSource({"Healthy,Healthy", "Progressing,Progressing", "Degraded,Degraded", "Suspended,Suspended",
      "Missing,Missing", "Weird,Unknown"})
  void theChildsReportedHealth(String reported, HealthStatus expected) {
    Health h = Live.assess("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: child, generation: 2}
        status: {observedGeneration: 2, health: {status: %s, message: "apps/Deployment/x: 0/1 ready"}}
        """.formatted(reported));
    assertThat(h.status()).isEqualTo(expected);
    if (expected != HealthStatus.Unknown) assertThat(h.message()).isEqualTo("apps/Deployment/x: 0/1 ready");
  }

  @Test
  void aChildThatHasNotCaughtUpIsProgressing() {
    Health stale = Live.assess("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: child, generation: 3}
        status: {observedGeneration: 2, health: {status: Healthy}}
        """);
    assertThat(stale.status()).isEqualTo(HealthStatus.Progressing);
    Health fresh = Live.assess("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: child, generation: 1}
        """);
    assertThat(fresh.status()).isEqualTo(HealthStatus.Progressing);
    assertThat(fresh.message()).contains("report its health");
  }
}
