package dev.keelson.controller.engine;

import dev.keelson.core.diff.JsonValues;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.normalize.ListKeyDefaults;
import dev.keelson.core.normalize.SecretStringData;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.kube.ApiDiscovery;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rendered manifests into objects ready to apply: checks that the API server serves each
 * kind (or that a CRD in the same app defines it), gives namespaced objects without a namespace
 * the destination namespace, drops the namespace of cluster-scoped ones, sets the API's default
 * where a list entry would lack part of its merge key ({@link ListKeyDefaults}), folds a Secret's
 * {@code stringData} into {@code data} ({@link SecretStringData}), and stamps the
 * tracking mark. Any problem fails the whole set, naming the file and object.
 */
public final class ObjectPreparer {
  private final ApiDiscovery discovery;

  public ObjectPreparer(ApiDiscovery discovery) {
    this.discovery = discovery;
  }

  public List<Manifest> prepare(AppRef app, String destinationNamespace, List<Manifest> rendered)
      throws ReconcileFailure {
    Map<String, Boolean> crdScopes = crdScopes(rendered);
    List<Manifest> out = new ArrayList<>(rendered.size());
    for (Manifest m : rendered) {
      boolean namespaced = namespaced(m, crdScopes);
      String ns = namespaced
          ? (m.key().namespace().isEmpty() ? destinationNamespace : m.key().namespace())
          : "";
      ResourceKey key = m.key().withNamespace(ns);
      Map<String, Object> body =
          TrackingMark.stamp(SecretStringData.apply(key.group(), key.kind(),
              ListKeyDefaults.apply(key.group(), key.kind(), m.body())), app, key);
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
      if (namespaced) metadata.put("namespace", ns);
      else metadata.remove("namespace");
      out.add(new Manifest(key, m.apiVersion(), body, m.origin()));
    }
    return out;
  }

  private boolean namespaced(Manifest m, Map<String, Boolean> crdScopes) throws ReconcileFailure {
    try {
      ResourceType type = discovery.typeOf(m.apiVersion(), m.kind());
      return type.namespaced();
    } catch (KubeException e) {
      Boolean fromCrd = crdScopes.get(ResourceKey.groupOf(m.apiVersion()) + "/" + m.kind());
      if (fromCrd != null) return fromCrd;
      throw new ReconcileFailure(
          e.isTransient() ? FailureReason.ClusterUnreachable : FailureReason.InvalidObject,
          m.origin() + " (" + m.key() + "): " + e.getMessage(), e.isTransient());
    }
  }

  /** Kinds defined by CRDs of this same app: group/kind to namespaced. */
  private static Map<String, Boolean> crdScopes(List<Manifest> rendered) {
    Map<String, Boolean> scopes = new HashMap<>();
    for (Manifest m : rendered) {
      if (!"CustomResourceDefinition".equals(m.kind())) continue;
      Object group = JsonValues.path(m.body(), "spec", "group");
      Object kind = JsonValues.path(m.body(), "spec", "names", "kind");
      Object scope = JsonValues.path(m.body(), "spec", "scope");
      if (group != null && kind != null) {
        scopes.put(group + "/" + kind, !"Cluster".equals(scope));
      }
    }
    return scopes;
  }
}
