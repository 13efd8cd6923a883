package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An app waits for its SealedSecrets: Healthy only once the Secret is in place. */
class SealedSecretHealthTest {

  private static Health assess(String status, long generation) {
    return Live.assess("""
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata: {name: db, namespace: shop, generation: %d}
        %s
        """.formatted(generation, status));
  }

  @Test
  void syncedIsHealthy() {
    Health h = assess("status: {observedGeneration: 2, conditions: [{type: Synced, status: \"True\"}]}", 2);
    assertThat(h.status()).isEqualTo(HealthStatus.Healthy);
  }

  @Test
  void notSyncedIsDegradedWithTheControllersReason() {
    Health h = assess("status: {observedGeneration: 1, conditions: [{type: Synced, status: \"False\", "
        + "reason: ErrUnsealFailed, message: \"no key could decrypt secret (password)\"}]}", 1);
    assertThat(h.status()).isEqualTo(HealthStatus.Degraded);
    assertThat(h.message()).isEqualTo("no key could decrypt secret (password)");
  }

  @Test
  void noStatusYetOrAStaleOneIsProgressing() {
    assertThat(assess("", 1).status()).isEqualTo(HealthStatus.Progressing);
    Health stale = assess("status: {observedGeneration: 1, conditions: [{type: Synced, status: \"True\"}]}", 2);
    assertThat(stale.status()).isEqualTo(HealthStatus.Progressing);
    // the upstream controller before observedGeneration existed: the condition alone decides
    assertThat(assess("status: {conditions: [{type: Synced, status: \"True\"}]}", 3).status()).isEqualTo(HealthStatus.Healthy);
  }
}
