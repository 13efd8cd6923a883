package dev.keelson.kube;

import dev.keelson.core.model.ResourceKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.util.List;
import java.util.Map;

/**
 * The API server as the engine sees it: single objects of any kind, read, server-side applied
 * (or dry-run), replaced and deleted, in the JSON model. {@link ResourceClient} is the real one;
 * tests of the engine use an in-memory one.
 */
public interface ClusterObjects {
  /** The live object, or null when it does not exist. */
  Map<String, Object> get(String apiVersion, ResourceKey key) throws KubeException;

  /**
   * The objects of one kind carrying all of {@code labels}, in {@code namespace} (ignored for
   * cluster-scoped kinds).
   */
  List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels)
      throws KubeException;

  /** Server-side apply, forced: Keelson owns the fields Git sets. Returns the object as stored. */
  Map<String, Object> apply(Map<String, Object> desired, ResourceKey key) throws KubeException;

  /**
   * Server-side apply as a dry-run: admission and defaulting run, nothing is persisted. Returns
   * the object as it would be stored.
   */
  Map<String, Object> dryRun(Map<String, Object> desired, ResourceKey key) throws KubeException;

  /** Writes the object whole (create, or replace the live one), dropping fields set by others. */
  Map<String, Object> replace(Map<String, Object> desired, ResourceKey key) throws KubeException;

  /** Deletes the object; true if it existed. */
  boolean delete(String apiVersion, ResourceKey key, DeletionPropagation propagation) throws KubeException;
}
