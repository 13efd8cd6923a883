package dev.keelson.controller.engine;

import dev.keelson.core.model.ResourceKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import dev.keelson.core.sync.SyncAnnotations;
import dev.keelson.core.sync.SyncHints;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.LiveObjects;
import dev.keelson.kube.ClusterObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stale objects: in the inventory, no longer in Git. Only an object that still carries exactly
 * this app's tracking mark is ever deleted; anything else with the same name is left alone and
 * simply dropped from the inventory.
 */
public final class Pruner {
  private final LiveObjects cache;
  private final ClusterObjects resources;
  private final FingerprintStore fingerprints;

  public Pruner(LiveObjects cache, ClusterObjects resources, FingerprintStore fingerprints) {
    this.cache = cache;
    this.resources = resources;
    this.fingerprints = fingerprints;
  }

  /**
   * A stale object that is really ours, with its API version and sync hints (its wave, Prune=false,
   * IgnoreExtraneous).
   */
  public record Stale(ResourceKey key, String apiVersion, SyncHints hints) {
    public boolean ignoreExtraneous() {
      return hints.ignoreExtraneous();
    }
  }

  /** The stale entries that still exist and carry this app's mark. */
  public List<Stale> ours(AppRef app, Map<ResourceKey, String> staleEntries) throws ReconcileFailure {
    List<Stale> out = new ArrayList<>();
    for (var e : staleEntries.entrySet()) {
      Map<String, Object> live;
      try {
        live = cache.get(e.getValue(), e.getKey());
      } catch (KubeException ex) {
        if (ex.isTransient()) throw new ReconcileFailure(FailureReason.ClusterUnreachable, ex.getMessage());
        continue; // the kind is gone (CRD deleted): nothing left to prune
      }
      if (live != null && TrackingMark.isManagedBy(live, app, e.getKey())) {
        out.add(new Stale(e.getKey(), e.getValue(), SyncAnnotations.parse(live)));
      }
    }
    return out;
  }

  /** Deletes a stale object (with the app's propagation policy) and forgets its fingerprint. */
  public void delete(AppRef app, Stale stale, DeletionPropagation propagation) throws KubeException {
    resources.delete(stale.apiVersion(), stale.key(), propagation);
    fingerprints.remove(app, stale.key());
  }
}
