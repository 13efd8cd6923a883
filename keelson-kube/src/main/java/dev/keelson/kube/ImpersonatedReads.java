package dev.keelson.kube;

import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.TrackingMark;
import java.util.Map;

/**
 * The live objects of an app that acts as a ServiceAccount: each one read through that account's
 * client, so the destination's RBAC decides what the app may see, as it decides what it may write.
 * The controller's own watch of the kind ({@link LiveCache}) is kept running only to say when to
 * look again; none of what it holds is handed to the app. Costs one request per object and
 * reconcile, where the watch-fed cache costs none.
 */
public final class ImpersonatedReads implements LiveObjects {
  private final LiveCache watches;
  private final ClusterObjects reads;

  /**
   * @param watches the cluster's watches under the controller's identity, for change events
   * @param reads the impersonating client
   */
  public ImpersonatedReads(LiveCache watches, ClusterObjects reads) {
    this.watches = watches;
    this.reads = reads;
  }

  @Override
  public Map<String, Object> get(String apiVersion, ResourceKey key) throws KubeException {
    watches.informerFor(apiVersion, key.kind());
    Map<String, Object> live = reads.get(apiVersion, key);
    // as through the watch: an object without Keelson's label is not a managed one
    if (live == null || !(live.get("metadata") instanceof Map<?, ?> meta)
        || !(meta.get("labels") instanceof Map<?, ?> labels) || !labels.containsKey(TrackingMark.LABEL)) {
      return null;
    }
    return live;
  }
}
