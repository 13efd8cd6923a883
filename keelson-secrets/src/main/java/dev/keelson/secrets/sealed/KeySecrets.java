package dev.keelson.secrets.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Sealing keys as Kubernetes stores them, upstream's layout: a {@code kubernetes.io/tls} Secret
 * ({@code tls.key} PKCS#1 PEM, {@code tls.crt} the self-signed certificate) labelled
 * {@code sealedsecrets.bitnami.com/sealed-secrets-key=active}. Keys exported from an upstream
 * controller are such Secrets and load as they are.
 */
public final class KeySecrets {
  public static final String TLS_TYPE = "kubernetes.io/tls";
  public static final String NAME_PREFIX = "sealed-secrets-key";

  private KeySecrets() {}

  public static Secret toSecret(SealingKey key, String namespace) {
    Base64.Encoder b64 = Base64.getEncoder();
    return new SecretBuilder()
        .withNewMetadata()
            .withName(key.name())
            .withNamespace(namespace)
            .withLabels(Map.of(SealedSecret.KEY_LABEL, SealedSecret.KEY_ACTIVE))
        .endMetadata()
        .withType(TLS_TYPE)
        .withData(Map.of(
            "tls.crt", b64.encodeToString(Pem.certificate(key.certificate()).getBytes(StandardCharsets.US_ASCII)),
            "tls.key", b64.encodeToString(Pem.privateKey(key.privateKey()).getBytes(StandardCharsets.US_ASCII))))
        .build();
  }

  /**
   * The key of a key Secret. Its age is the Secret's creationTimestamp (upstream's rule for which
   * key is newest), or the certificate's start when the Secret has none yet.
   */
  public static SealingKey fromSecret(Secret secret) throws SealedSecretException {
    String name = secret.getMetadata() == null ? "?" : secret.getMetadata().getName();
    Map<String, String> data = secret.getData();
    String source = "key Secret " + name;
    if (data == null || data.get("tls.key") == null || data.get("tls.crt") == null) {
      throw new SealedSecretException(source + ": needs tls.key and tls.crt");
    }
    String keyPem = decode(data.get("tls.key"), source);
    String certPem = decode(data.get("tls.crt"), source);
    var cert = Pem.parseCertificate(certPem, source);
    String ts = secret.getMetadata().getCreationTimestamp();
    Instant created = ts == null || ts.isEmpty() ? cert.getNotBefore().toInstant() : Instant.parse(ts);
    return new SealingKey(name, Pem.parsePrivateKey(keyPem, source), cert, created);
  }

  private static String decode(String b64, String source) throws SealedSecretException {
    try {
      return new String(Base64.getDecoder().decode(b64), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw new SealedSecretException(source + ": data is not base64");
    }
  }
}
