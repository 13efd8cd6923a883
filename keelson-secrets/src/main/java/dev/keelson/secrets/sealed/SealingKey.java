package dev.keelson.secrets.sealed;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One sealing key: the private key that opens, the certificate whose public key seals.
 *
 * @param name the key Secret's name (for messages; never key material)
 * @param created when the key came into use; the newest key seals
 */
public record SealingKey(String name, RSAPrivateKey privateKey, X509Certificate certificate, Instant created) {
  /** Oldest first; ties (same second) broken by the certificate's start, then the name. */
  public static final Comparator<SealingKey> BY_AGE = Comparator.comparing(SealingKey::created)
      .thenComparing(k -> k.certificate().getNotBefore())
      .thenComparing(SealingKey::name);

  public SealingKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(created, "created");
  }

  public RSAPublicKey publicKey() {
    return (RSAPublicKey) certificate.getPublicKey();
  }

  @Override
  public String toString() {
    return "SealingKey[" + name + ", created " + created + "]";
  }
}
