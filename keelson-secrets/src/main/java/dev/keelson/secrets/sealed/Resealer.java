package dev.keelson.secrets.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key rotation for sealed files (`keelson seal --re-encrypt`): every value of a SealedSecret is
 * opened with the old keys and sealed again for the same scope with the newest key. The values
 * themselves, not the Secret: templates stay templates.
 */
public final class Resealer {
  private final List<RSAPrivateKey> keys;
  private final RSAPublicKey newest;

  public Resealer(Collection<RSAPrivateKey> keys, RSAPublicKey newest) {
    this.keys = List.copyOf(keys);
    this.newest = newest;
  }

  /** @return old blob to new blob, in the order of spec.encryptedData */
  public Map<String, String> reseal(SealedSecret sealed) throws SealedSecretException {
    var meta = sealed.getMetadata();
    byte[] label = SealingScope.ofAnnotations(meta.getAnnotations()).label(meta.getNamespace(), meta.getName());
    Map<String, String> encrypted = sealed.getSpec() == null || sealed.getSpec().encryptedData == null
        ? Map.of() : sealed.getSpec().encryptedData;
    Map<String, String> replaced = new LinkedHashMap<>();
    for (var e : encrypted.entrySet()) {
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(e.getValue().strip());
      } catch (IllegalArgumentException ex) {
        throw new SealedSecretException(meta.getNamespace() + "/" + meta.getName() + ": " + e.getKey() + " is not a sealed value");
      }
      Optional<byte[]> clear = HybridCipher.decrypt(keys, blob, label);
      if (clear.isEmpty()) {
        throw new SealedSecretException(meta.getNamespace() + "/" + meta.getName() + ": no key could decrypt secret (" + e.getKey() + ")");
      }
      byte[] value = clear.get();
      try {
        replaced.put(e.getValue(), Base64.getEncoder().encodeToString(HybridCipher.encrypt(newest, value, label)));
      } finally {
        java.util.Arrays.fill(value, (byte) 0);
      }
    }
    return replaced;
  }
}
