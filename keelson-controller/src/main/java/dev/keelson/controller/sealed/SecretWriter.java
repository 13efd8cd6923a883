package dev.keelson.controller.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts an unsealed Secret in place with upstream's rules for a Secret that already exists: it is
 * changed only when its SealedSecret controls it, or when it carries
 * {@code sealedsecrets.bitnami.com/managed: "true"} (taken over: replaced and owned) or
 * {@code sealedsecrets.bitnami.com/patch: "true"} (the SealedSecret's keys, labels and annotations
 * are merged into it; it is owned only if also managed).
 */
final class SecretWriter {
  private final KubernetesClient client;

  SecretWriter(KubernetesClient client) {
    this.client = client;
  }

  /** @return empty when the Secret is in place, otherwise why not */
  Optional<UnsealFailure> write(SealedSecret owner, Secret desired) {
    String ns = desired.getMetadata().getNamespace();
    String name = desired.getMetadata().getName();
    try {
      Secret live = client.secrets().inNamespace(ns).withName(name).get();
      if (live == null) {
        client.secrets().inNamespace(ns).resource(desired).create();
        return Optional.empty();
      }
      boolean managed = annotated(live, SealedSecret.MANAGED_ANNOTATION);
      boolean patch = annotated(live, SealedSecret.PATCH_ANNOTATION);
      if (!controlledBy(live, owner) && !managed && !patch) {
        return Optional.of(UnsealFailure.update("Resource \"" + name + "\" already exists and is not managed by SealedSecret"));
      }
      Secret next = client.getKubernetesSerialization().clone(live);
      var meta = next.getMetadata();
      if (patch) {
        Map<String, String> data = new LinkedHashMap<>(orEmpty(live.getData()));
        data.putAll(orEmpty(desired.getData()));
        next.setData(data);
        meta.setAnnotations(merged(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations()));
        meta.setLabels(merged(live.getMetadata().getLabels(), desired.getMetadata().getLabels()));
        if (managed) meta.setOwnerReferences(desired.getMetadata().getOwnerReferences());
      } else {
        next.setData(desired.getData());
        meta.setAnnotations(desired.getMetadata().getAnnotations());
        meta.setLabels(desired.getMetadata().getLabels());
        meta.setOwnerReferences(desired.getMetadata().getOwnerReferences());
      }
      next.setType(desired.getType());
      if (Boolean.TRUE.equals(desired.getImmutable())) next.setImmutable(true);
      next.setStringData(null);
      if (!sameContent(live, next)) client.secrets().inNamespace(ns).resource(next).update();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of(UnsealFailure.update(describe(name, e)));
    }
  }

  /** metav1.IsControlledBy: the controller ownerReference names this SealedSecret's uid. */
  static boolean controlledBy(Secret secret, SealedSecret owner) {
    var refs = secret.getMetadata().getOwnerReferences();
    if (refs == null) return false;
    for (OwnerReference r : refs) {
      if (Boolean.TRUE.equals(r.getController())) return Objects.equals(r.getUid(), owner.getMetadata().getUid());
    }
    return false;
  }

  private static boolean annotated(Secret s, String key) {
    var a = s.getMetadata().getAnnotations();
    return a != null && "true".equals(a.get(key));
  }

  private static boolean sameContent(Secret a, Secret b) {
    return Objects.equals(orEmpty(a.getData()), orEmpty(b.getData()))
        && Objects.equals(a.getType(), b.getType())
        && Objects.equals(a.getImmutable(), b.getImmutable())
        && Objects.equals(orEmpty(a.getMetadata().getAnnotations()), orEmpty(b.getMetadata().getAnnotations()))
        && Objects.equals(orEmpty(a.getMetadata().getLabels()), orEmpty(b.getMetadata().getLabels()))
        && Objects.equals(a.getMetadata().getOwnerReferences() == null ? java.util.List.of() : a.getMetadata().getOwnerReferences(),
            b.getMetadata().getOwnerReferences() == null ? java.util.List.of() : b.getMetadata().getOwnerReferences());
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> over) {
    Map<String, String> out = new LinkedHashMap<>(orEmpty(base));
    out.putAll(orEmpty(over));
    return out;
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  /**
   * The API server's reason and the fields it names, never its whole message: validation
   * messages of some Secret types quote parts of the data.
   */
  static String describe(String name, KubernetesClientException e) {
    StringBuilder s = new StringBuilder("cannot write Secret \"" + name + "\": HTTP " + e.getCode());
    var status = e.getStatus();
    if (status != null && status.getReason() != null) s.append(" ").append(status.getReason());
    if (status != null && status.getDetails() != null && status.getDetails().getCauses() != null) {
      var fields = status.getDetails().getCauses().stream().map(c -> c.getField()).filter(Objects::nonNull).distinct().toList();
      if (!fields.isEmpty()) s.append(" (").append(String.join(", ", fields)).append(")");
    }
    return s.toString();
  }
}
