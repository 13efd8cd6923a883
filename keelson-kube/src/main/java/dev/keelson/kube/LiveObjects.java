package dev.keelson.kube;

import dev.keelson.core.model.ResourceKey;
import java.util.Map;

/**
 * The managed objects as last seen by a watch: reading costs no request. {@link LiveCache} is the
 * real one; tests of the engine use an in-memory one.
 */
public interface LiveObjects {
  /**
   * The live object as last seen, or null if it does not exist (or is not managed by Keelson).
   * The returned map may be shared with other readers and must not be modified.
   */
  Map<String, Object> get(String apiVersion, ResourceKey key) throws KubeException;
}
