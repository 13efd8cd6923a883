package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.secrets.sealed.KeySecrets;
import dev.keelson.secrets.sealed.Pem;
import dev.keelson.secrets.sealed.SealingKey;
import dev.keelson.secrets.sealed.SealingScope;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Renewal with a short period: a new key each period, the newest seals, all of them open. */
class SealedSecretKeyRotationTest extends SealedSecretsTestBase {
  static final Duration RENEW = Duration.ofSeconds(4);

  @BeforeAll
  static void start() throws Exception {
    startController(RENEW, keyNamespace -> {});
  }

  @Test
  @DisplayName("after a renew period a new key seals; what the old key sealed still opens")
  void rotation() throws Exception {
    ConfigMap first = awaitPublishedCert(cm -> true);
    String firstKey = first.getData().get("key");
    SealedSecret oldBlob = seal(sealerOf(first), ns, "old", Map.of("k", "sealed-with-first-key"), SealingScope.STRICT);

    ConfigMap second = awaitPublishedCert(cm -> !firstKey.equals(cm.getData().get("key")));
    String secondKey = second.getData().get("key");
    List<SealingKey> keys = new ArrayList<>();
    for (var s : keySecrets()) keys.add(KeySecrets.fromSecret(s));
    assertThat(keys).extracting(SealingKey::name).contains(firstKey, secondKey);
    // the published certificate is the one of the newest key Secret at the time it was published
    SealingKey published = keys.stream().filter(k -> k.name().equals(secondKey)).findFirst().orElseThrow();
    assertThat(Pem.certificate(published.certificate())).isEqualTo(second.getData().get("cert.pem"));
    SealingKey oldest = keys.stream().filter(k -> k.name().equals(firstKey)).findFirst().orElseThrow();
    assertThat(published.created()).isAfter(oldest.created());
    assertThat(Duration.between(oldest.created(), published.created())).isGreaterThanOrEqualTo(RENEW.minusSeconds(1));

    // applied after the rotation, the blob sealed with the first key still opens
    create(oldBlob);
    awaitSynced(ns, "old", "True");
    assertThat(value(secret(ns, "old"), "k")).isEqualTo("sealed-with-first-key");

    // a blob sealed with the new certificate opens, and only the new key opens it
    SealedSecret newBlob = seal(sealerOf(second), ns, "new", Map.of("k", "sealed-with-second-key"), SealingScope.STRICT);
    var blob = java.util.Base64.getDecoder().decode(newBlob.getSpec().encryptedData.get("k"));
    assertThat(dev.keelson.secrets.sealed.HybridCipher.decrypt(List.of(oldest.privateKey()), blob, "%s/new".formatted(ns).getBytes()))
        .isEmpty();
    assertThat(dev.keelson.secrets.sealed.HybridCipher.decrypt(List.of(published.privateKey()), blob, "%s/new".formatted(ns).getBytes()))
        .isPresent();
    create(newBlob);
    awaitSynced(ns, "new", "True");
    assertThat(value(secret(ns, "new"), "k")).isEqualTo("sealed-with-second-key");
  }
}
