package dev.keelson.secrets.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResealerTest {
  @Test
  void valuesMoveToTheNewKeyInTheSameScope() throws Exception {
    SealingKey upstream = KeySecrets.fromSecret(Fixtures.upstreamKeySecret());
    SealingKey newest = Fixtures.key();
    SealedSecret old = Fixtures.sealedSecrets("sealed-by-go.yaml").get(0);
    Map<String, String> replaced = new Resealer(List.of(upstream.privateKey()), newest.publicKey()).reseal(old);
    assertThat(replaced).containsOnlyKeys(old.getSpec().encryptedData.values());

    SealedSecret moved = Fixtures.JSON.clone(old);
    moved.getSpec().encryptedData.replaceAll((k, v) -> replaced.get(v));
    var opened = new Unsealer(List.of(newest.privateKey())).unseal(moved);
    assertThat(new String(Base64.getDecoder().decode(opened.getData().get("password")), StandardCharsets.UTF_8)).isEqualTo("s3cr3t-from-go");
    // only the new key opens it now, and still only as ns1/a
    assertThatThrownBy(() -> new Unsealer(List.of(upstream.privateKey())).unseal(moved)).isInstanceOf(SealedSecretException.class);
    moved.getMetadata().setName("b");
    assertThatThrownBy(() -> new Unsealer(List.of(newest.privateKey())).unseal(moved)).isInstanceOf(SealedSecretException.class);
  }

  @Test
  void withoutTheOldKeyNothingIsRewritten() throws Exception {
    SealedSecret old = Fixtures.sealedSecrets("sealed-by-go.yaml").get(0);
    assertThatThrownBy(() -> new Resealer(List.of(Fixtures.key().privateKey()), Fixtures.key().publicKey()).reseal(old))
        .hasMessageStartingWith("ns1/a: no key could decrypt secret");
  }
}
