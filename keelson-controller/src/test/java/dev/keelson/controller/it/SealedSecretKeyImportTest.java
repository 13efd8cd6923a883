package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.secrets.sealed.KeyGenerator;
import dev.keelson.secrets.sealed.KeySecrets;
import dev.keelson.secrets.sealed.Sealer;
import dev.keelson.secrets.sealed.SealingKey;
import dev.keelson.secrets.sealed.SealingScope;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keys a user put in the key namespace: an upstream controller's exported key (PKCS#1 PEM tls
 * Secret, the fixture sealed/upstream-keys.yaml) before the first start, and a key added while
 * the controller runs.
 */
class SealedSecretKeyImportTest extends SealedSecretsTestBase {
  static String importedName;

  @BeforeAll
  static void start() throws Exception {
    startController(Duration.ofDays(30), keyNamespace -> {
      KubernetesList exported = client.getKubernetesSerialization()
          .unmarshal(resource("upstream-keys.yaml"), KubernetesList.class);
      Secret key = (Secret) exported.getItems().get(0);
      // as `kubectl apply` of the export would do it: server fields go, the rest is as exported
      key.getMetadata().setNamespace(keyNamespace);
      key.getMetadata().setResourceVersion(null);
      key.getMetadata().setUid(null);
      key.getMetadata().setCreationTimestamp(null);
      importedName = key.getMetadata().getName();
      client.secrets().inNamespace(keyNamespace).resource(key).create();
    });
  }

  @Test
  @DisplayName("an exported upstream key is used as it is: no key generated, its certificate published, blobs sealed by Go's crypto open")
  void exportedUpstreamKeyIsUsed() throws Exception {
    var published = awaitPublishedCert(cm -> importedName.equals(cm.getData().get("key")));
    assertThat(keySecrets()).singleElement().satisfies(k -> assertThat(k.getMetadata().getName()).isEqualTo(importedName));

    // the fixture was sealed for ns1/a and cluster-wide with Go's crypto/rsa (sealed/seal.go.txt)
    if (client.namespaces().withName("ns1").get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ns1").endMetadata().build()).create();
    }
    String[] docs = resource("sealed-by-go.yaml").split("(?m)^---$");
    SealedSecret strict = client.getKubernetesSerialization().unmarshal(docs[0], SealedSecret.class);
    client.resources(SealedSecret.class).inNamespace("ns1").withName("a").delete();
    awaitGone("ns1", "a");
    create(strict);
    awaitSynced("ns1", "a", "True");
    assertThat(value(secret("ns1", "a"), "password")).isEqualTo("s3cr3t-from-go");

    SealedSecret anywhere = client.getKubernetesSerialization().unmarshal(docs[1], SealedSecret.class);
    anywhere.getMetadata().setNamespace(ns);
    create(anywhere);
    awaitSynced(ns, "anywhere", "True");
    assertThat(value(secret(ns, "anywhere"), "token")).isEqualTo("cluster-wide-from-go");

    // and what is sealed with the published certificate opens too
    create(seal(sealerOf(published), ns, "mine", Map.of("k", "v"), SealingScope.STRICT));
    awaitSynced(ns, "mine", "True");
  }

  @Test
  @DisplayName("a key added while running (PKCS#8 PEM) opens the SealedSecrets that were waiting for it, and being newest, seals from then on")
  void keyAddedWhileRunning() throws Exception {
    SealingKey extra = KeyGenerator.generate("extra", Instant.now());
    create(new Sealer(extra.publicKey()).seal(plainSecret(ns, "later", Map.of("k", "opened-later")), SealingScope.STRICT));
    SealedSecret waiting = awaitSynced(ns, "later", "False");
    assertThat(synced(waiting).orElseThrow().message).isEqualTo("no key could decrypt secret (k)");
    assertThat(secret(ns, "later")).isNull();

    Secret keySecret = KeySecrets.toSecret(extra, keyNs);
    keySecret.getMetadata().setName("imported-pkcs8");
    String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(extra.privateKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    keySecret.getData().put("tls.key", Base64.getEncoder().encodeToString(pkcs8.getBytes(StandardCharsets.US_ASCII)));
    client.secrets().inNamespace(keyNs).resource(keySecret).create();

    awaitSynced(ns, "later", "True");
    assertThat(value(secret(ns, "later"), "k")).isEqualTo("opened-later");
    awaitPublishedCert(cm -> "imported-pkcs8".equals(cm.getData().get("key")));
  }

  private static void awaitGone(String namespace, String name) {
    org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> sealed(namespace, name) == null);
  }
}
