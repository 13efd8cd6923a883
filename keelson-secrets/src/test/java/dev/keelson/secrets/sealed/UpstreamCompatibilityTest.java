package dev.keelson.secrets.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys exported from an upstream controller (PKCS#1 PEM in a tls Secret) and blobs sealed by an
 * independent implementation (Go's crypto, upstream's algorithm: sealed/seal.go.txt).
 */
class UpstreamCompatibilityTest {

  private static String value(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Test
  void anExportedUpstreamKeyLoadsAsItIs() throws Exception {
    SealingKey key = KeySecrets.fromSecret(Fixtures.upstreamKeySecret());
    assertThat(key.name()).isEqualTo("sealed-secrets-keyq7x2k");
    assertThat(key.created()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
    assertThat(key.publicKey().getModulus().bitLength()).isEqualTo(4096);
  }

  @Test
  void goSealedBlobsOpenWithTheExportedKey() throws Exception {
    SealingKey key = KeySecrets.fromSecret(Fixtures.upstreamKeySecret());
    List<SealedSecret> docs = Fixtures.sealedSecrets("sealed-by-go.yaml");
    Unsealer unsealer = new Unsealer(List.of(key.privateKey()));

    Secret strict = unsealer.unseal(docs.get(0));
    assertThat(value(strict, "password")).isEqualTo("s3cr3t-from-go");
    assertThat(value(strict, "username")).isEqualTo("admin");

    SealedSecret clusterWide = docs.get(1);
    clusterWide.getMetadata().setNamespace("elsewhere");
    assertThat(value(unsealer.unseal(clusterWide), "token")).isEqualTo("cluster-wide-from-go");

    SealedSecret renamed = docs.get(0);
    renamed.getMetadata().setName("b");
    assertThatThrownBy(() -> unsealer.unseal(renamed)).hasMessage("no key could decrypt secret (password, username)");
  }

  @Test
  void keysRoundTripThroughTheirSecretInUpstreamsPemFlavour() throws Exception {
    SealingKey key = Fixtures.key();
    Secret secret = KeySecrets.toSecret(key, "keelson-system");
    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(secret.getMetadata().getLabels()).containsEntry("sealedsecrets.bitnami.com/sealed-secrets-key", "active");
    String keyPem = new String(Base64.getDecoder().decode(secret.getData().get("tls.key")), StandardCharsets.US_ASCII);
    assertThat(keyPem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    SealingKey back = KeySecrets.fromSecret(secret);
    assertThat(back.privateKey().getModulus()).isEqualTo(key.privateKey().getModulus());
    assertThat(back.certificate()).isEqualTo(key.certificate());
    assertThat(key.certificate().getSubjectX500Principal().getName()).contains("CN=sealed-secret");
  }

  @Test
  void pkcs8KeysAreReadToo() throws Exception {
    SealingKey key = Fixtures.key();
    String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.privateKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    assertThat(Pem.parsePrivateKey(pkcs8, "test").getModulus()).isEqualTo(key.privateKey().getModulus());
    assertThatThrownBy(() -> Pem.parsePrivateKey("garbage", "file x")).hasMessageStartingWith("file x: ");
  }
}
