package dev.keelson.controller.plan;

import dev.keelson.core.model.ResourceKey;
import dev.keelson.kube.ClusterObjects;
import dev.keelson.kube.KubeException;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.util.List;
import java.util.Map;

/**
 * The cluster as a plan sees it: reads and dry-runs pass through, every write throws. A plan is
 * built only on this view, so that nothing it does can persist an object, whatever a later change
 * of the planning code calls.
 */
public final class ReadOnlyObjects implements ClusterObjects {
  private final ClusterObjects cluster;

  public ReadOnlyObjects(ClusterObjects cluster) {
    this.cluster = cluster;
  }

  @Override
  public Map<String, Object> get(String apiVersion, ResourceKey key) throws KubeException {
    return cluster.get(apiVersion, key);
  }

  @Override
  public List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels)
      throws KubeException {
    return cluster.list(apiVersion, kind, namespace, labels);
  }

  @Override
  public Map<String, Object> dryRun(Map<String, Object> desired, ResourceKey key) throws KubeException {
    return cluster.dryRun(desired, key);
  }

  @Override
  public Map<String, Object> apply(Map<String, Object> desired, ResourceKey key) {
    throw refused("apply", key);
  }

  @Override
  public Map<String, Object> replace(Map<String, Object> desired, ResourceKey key) {
    throw refused("replace", key);
  }

  @Override
  public boolean delete(String apiVersion, ResourceKey key, DeletionPropagation propagation) {
    throw refused("delete", key);
  }

  private static UnsupportedOperationException refused(String verb, ResourceKey key) {
    return new UnsupportedOperationException("a plan never writes: " + verb + " of " + key + " refused");
  }
}
