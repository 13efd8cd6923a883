package dev.keelson.secrets.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Test resources under sealed/ and one shared 4096-bit key (generating one takes a second or more). */
final class Fixtures {
  static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static SealingKey shared;

  private Fixtures() {}

  static synchronized SealingKey key() throws SealedSecretException {
    if (shared == null) shared = KeyGenerator.generate("sealed-secrets-keytest", java.time.Instant.now());
    return shared;
  }

  static String resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/sealed/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Secret upstreamKeySecret() {
    KubernetesList list = JSON.unmarshal(resource("upstream-keys.yaml"), KubernetesList.class);
    return (Secret) list.getItems().get(0);
  }

  /** The documents of a multi-document YAML file, as SealedSecrets. */
  static List<SealedSecret> sealedSecrets(String name) {
    return Arrays.stream(resource(name).split("(?m)^---$"))
        .map(doc -> JSON.unmarshal(doc, SealedSecret.class)).toList();
  }
}
