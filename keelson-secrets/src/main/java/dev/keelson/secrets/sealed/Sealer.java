package dev.keelson.secrets.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.api.bitnami.v1alpha1.SecretTemplateMetadata;
import dev.keelson.api.bitnami.v1alpha1.SecretTemplateSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Secrets into SealedSecrets, as kubeseal does it (each value sealed on its own). */
public final class Sealer {
  /**
   * Annotations that tools put on applied objects: a full copy of the Secret, in clear. Sealing
   * one must not carry it into Git.
   */
  private static final java.util.List<String> LAST_APPLIED = java.util.List.of(
      "kubectl.kubernetes.io/last-applied-configuration", "kubecfg.ksonnet.io/last-applied-configuration");

  private final RSAPublicKey key;

  public Sealer(RSAPublicKey key) {
    this.key = key;
  }

  /**
   * @param secret a Secret with a name, and a namespace unless the scope is cluster-wide
   * @param scope the scope to seal for; it is also written into the SealedSecret's annotations
   *     and the template's, which is where the controller reads it
   */
  public SealedSecret seal(Secret secret, SealingScope scope) throws SealedSecretException {
    var meta = secret.getMetadata();
    if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
      throw new SealedSecretException("the Secret has no metadata.name");
    }
    String namespace = meta.getNamespace();
    if (scope != SealingScope.CLUSTER_WIDE && (namespace == null || namespace.isEmpty())) {
      throw new SealedSecretException("the Secret " + meta.getName() + " has no namespace: give one (--namespace) or seal cluster-wide");
    }
    byte[] label = scope.label(namespace, meta.getName());

    Map<String, String> annotations = scope.annotate(meta.getAnnotations());
    LAST_APPLIED.forEach(annotations::remove);
    SecretTemplateMetadata tm = new SecretTemplateMetadata();
    tm.name = meta.getName();
    tm.namespace = namespace;
    tm.labels = meta.getLabels() == null || meta.getLabels().isEmpty() ? null : new LinkedHashMap<>(meta.getLabels());
    tm.annotations = annotations.isEmpty() ? null : annotations;
    tm.finalizers = meta.getFinalizers() == null || meta.getFinalizers().isEmpty() ? null : meta.getFinalizers();
    SecretTemplateSpec template = new SecretTemplateSpec();
    template.metadata = tm;
    template.type = secret.getType();
    template.immutable = secret.getImmutable();

    SealedSecret sealed = new SealedSecret();
    sealed.setMetadata(new ObjectMetaBuilder()
        .withName(meta.getName())
        .withNamespace(namespace)
        .withAnnotations(scope.annotate(null).isEmpty() ? null : scope.annotate(null))
        .build());
    sealed.getSpec().template = template;
    Map<String, String> encrypted = new TreeMap<>();
    if (secret.getData() != null) {
      for (var e : secret.getData().entrySet()) {
        byte[] value;
        try {
          value = Base64.getDecoder().decode(e.getValue() == null ? "" : e.getValue());
        } catch (IllegalArgumentException ex) {
          throw new SealedSecretException("data." + e.getKey() + " is not base64");
        }
        encrypted.put(e.getKey(), sealValue(value, label));
      }
    }
    if (secret.getStringData() != null) {
      for (var e : secret.getStringData().entrySet()) {
        String v = e.getValue() == null ? "" : e.getValue();
        encrypted.put(e.getKey(), sealValue(v.getBytes(StandardCharsets.UTF_8), label));
      }
    }
    sealed.getSpec().encryptedData = new LinkedHashMap<>(encrypted);
    return sealed;
  }

  /** One value for {@code kubeseal --raw}: the base64 blob for spec.encryptedData. */
  public String sealRaw(byte[] value, String namespace, String name, SealingScope scope) throws SealedSecretException {
    if (scope == SealingScope.STRICT && (name == null || name.isEmpty())) {
      throw new SealedSecretException("a strict-scoped value needs --name");
    }
    if (scope != SealingScope.CLUSTER_WIDE && (namespace == null || namespace.isEmpty())) {
      throw new SealedSecretException("a " + scope.flag() + " value needs --namespace");
    }
    return sealValue(value, scope.label(namespace, name));
  }

  private String sealValue(byte[] value, byte[] label) throws SealedSecretException {
    return Base64.getEncoder().encodeToString(HybridCipher.encrypt(key, value, label));
  }
}
