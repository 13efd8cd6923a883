package dev.keelson.secrets.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.api.bitnami.v1alpha1.SecretTemplateSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SealedSecrets into Secrets, upstream's rules: the scope comes from the SealedSecret's own
 * annotations and its own namespace and name (never the template's, which anyone could edit);
 * the template gives metadata, type, immutability and computed keys; the Secret is owned by its
 * SealedSecret unless the template says {@code skip-set-owner-references}.
 */
public final class Unsealer {
  private final List<RSAPrivateKey> keys;

  public Unsealer(Collection<RSAPrivateKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** @throws SealedSecretException naming the keys that no sealing key opens, or the bad template */
  public Secret unseal(SealedSecret sealed) throws SealedSecretException {
    ObjectMeta meta = sealed.getMetadata();
    var spec = sealed.getSpec();
    Map<String, String> encrypted = spec == null || spec.encryptedData == null ? Map.of() : spec.encryptedData;
    if (spec != null && spec.data != null && !spec.data.isEmpty() && encrypted.isEmpty()) {
      throw new SealedSecretException("uses the deprecated spec.data field, which is not supported: seal it again");
    }
    byte[] label = SealingScope.ofAnnotations(meta.getAnnotations()).label(meta.getNamespace(), meta.getName());

    Map<String, byte[]> data = new TreeMap<>();
    List<String> unopened = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    for (var e : new TreeMap<>(encrypted).entrySet()) {
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(e.getValue() == null ? "" : e.getValue().strip());
      } catch (IllegalArgumentException ex) {
        malformed.add(e.getKey());
        continue;
      }
      Optional<byte[]> clear;
      try {
        clear = HybridCipher.decrypt(keys, blob, label);
      } catch (SealedSecretException ex) {
        malformed.add(e.getKey());
        continue;
      }
      if (clear.isPresent()) data.put(e.getKey(), clear.get());
      else unopened.add(e.getKey());
    }
    List<String> problems = new ArrayList<>();
    if (!unopened.isEmpty()) problems.add("no key could decrypt secret (" + String.join(", ", unopened) + ")");
    if (!malformed.isEmpty()) problems.add("not a sealed value (" + String.join(", ", malformed) + ")");
    if (!problems.isEmpty()) throw new SealedSecretException(String.join("; ", problems));

    SecretTemplateSpec template = spec == null || spec.template == null ? new SecretTemplateSpec() : spec.template;
    if (template.data != null) {
      Map<String, String> values = new LinkedHashMap<>();
      data.forEach((k, v) -> values.put(k, new String(v, StandardCharsets.UTF_8)));
      for (var e : new TreeMap<>(template.data).entrySet()) {
        if (e.getValue() == null) data.remove(e.getKey());
        else data.put(e.getKey(), SecretTemplate.render(e.getKey(), e.getValue(), values));
      }
    }
    return secret(sealed, template, data);
  }

  private static Secret secret(SealedSecret sealed, SecretTemplateSpec template, Map<String, byte[]> data) {
    ObjectMeta meta = sealed.getMetadata();
    ObjectMeta out = new ObjectMeta();
    out.setName(meta.getName());
    out.setNamespace(meta.getNamespace());
    var tm = template.metadata;
    Map<String, String> templateAnnotations = tm == null || tm.annotations == null ? Map.of() : tm.annotations;
    if (tm != null) {
      out.setLabels(tm.labels == null ? null : new LinkedHashMap<>(tm.labels));
      out.setAnnotations(tm.annotations == null ? null : new LinkedHashMap<>(tm.annotations));
      out.setFinalizers(tm.finalizers == null ? null : new ArrayList<>(tm.finalizers));
    }
    if (!"true".equals(templateAnnotations.get(SealedSecret.SKIP_SET_OWNER_REFERENCES_ANNOTATION))) {
      out.setOwnerReferences(List.of(new OwnerReferenceBuilder()
          .withApiVersion(SealedSecret.API_VERSION)
          .withKind(SealedSecret.KIND)
          .withName(meta.getName())
          .withUid(meta.getUid())
          .withController(true)
          .build()));
    }
    Secret secret = new Secret();
    secret.setApiVersion("v1");
    secret.setKind("Secret");
    secret.setMetadata(out);
    secret.setType(template.type == null || template.type.isEmpty() ? "Opaque" : template.type);
    secret.setImmutable(template.immutable);
    Map<String, String> encoded = new TreeMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v)));
    secret.setData(encoded);
    return secret;
  }
}
