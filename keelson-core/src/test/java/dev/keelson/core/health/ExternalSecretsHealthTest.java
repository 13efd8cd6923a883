package dev.keelson.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** External Secrets Operator objects are assessed by their Ready condition, and wait for it. */
class ExternalSecretsHealthTest {

  @ParameterizedTest
  @ValueSource(strings = {"ExternalSecret", "ClusterExternalSecret", "SecretStore", "ClusterSecretStore", "PushSecret"})
  void readyDecides(String kind) {
    String head = "apiVersion: external-secrets.io/v1beta1\nkind: " + kind + "\nmetadata: {name: db, generation: 1}\n";
    assertThat(Live.assess(head).status()).isEqualTo(HealthStatus.Progressing);
    assertThat(Live.assess(head + "status: {conditions: [{type: Ready, status: \"True\", reason: SecretSynced}]}")
        .status()).isEqualTo(HealthStatus.Healthy);
    Health failed = Live.assess(head + "status: {conditions: [{type: Ready, status: \"False\", reason: SecretSyncedError,"
        + " message: \"could not get secret data from provider\"}]}");
    assertThat(failed.status()).isEqualTo(HealthStatus.Degraded);
    assertThat(failed.message()).contains("could not get secret data from provider");
    assertThat(Live.assess("apiVersion: external-secrets.io/v1beta1\nkind: " + kind
        + "\nmetadata: {name: db, generation: 2}\nstatus: {observedGeneration: 1, conditions: [{type: Ready, status: \"True\"}]}")
        .status()).isEqualTo(HealthStatus.Progressing);
  }
}
