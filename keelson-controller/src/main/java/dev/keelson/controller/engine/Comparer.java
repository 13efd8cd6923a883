package dev.keelson.controller.engine;

import dev.keelson.core.diff.DiffNormalizer;
import dev.keelson.core.diff.IgnoreRule;
import dev.keelson.core.diff.IgnoredFields;
import dev.keelson.core.diff.JsonValues;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.LiveObjects;
import dev.keelson.kube.ClusterObjects;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 3 of the flow: is each desired object in sync? The fingerprint answers without a request
 * when nothing changed; otherwise a server-side-apply dry-run tells exactly what applying would
 * change, so server defaults, normalised values and other managers' fields never show as drift.
 */
public final class Comparer {
  private final LiveObjects cache;
  private final ClusterObjects resources;
  private final FingerprintStore fingerprints;

  public Comparer(LiveObjects cache, ClusterObjects resources, FingerprintStore fingerprints) {
    this.cache = cache;
    this.resources = resources;
    this.fingerprints = fingerprints;
  }

  public ResourceState compare(AppRef app, Manifest desired) throws ReconcileFailure {
    return compare(app, desired, List.of());
  }

  /**
   * @param ignore ignoreDifferences: matching fields take their live value in the desired object,
   *     so they neither show as drift nor get overwritten when applied
   */
  public ResourceState compare(AppRef app, Manifest desired, List<IgnoreRule> ignore) throws ReconcileFailure {
    dev.keelson.core.model.ResourceKey key = desired.key();
    boolean ignoring = ignore.stream().anyMatch(r -> r.matches(key));
    if (ignoring) {
      Map<String, Object> cached;
      try {
        cached = cache.get(desired.apiVersion(), desired.key());
      } catch (KubeException e) {
        cached = null;
      }
      desired = keepIgnored(desired, cached, ignore);
    }
    boolean known = fingerprints.has(app, desired.key());
    Map<String, Object> live;
    try {
      live = cache.get(desired.apiVersion(), desired.key());
      if (live != null && known && fingerprints.matches(app, desired.key(), desired.body(), live)) {
        return new ResourceState(desired, live, null, ResourceState.Sync.Synced, "");
      }
      if (live == null && !known) {
        return new ResourceState(desired, null, null, ResourceState.Sync.Missing, "missing");
      }
      // Something looks different. The watch may simply lag behind a write (ours or another's):
      // read the object itself before calling it drift.
      live = resources.get(desired.apiVersion(), desired.key());
      if (live != null && ignoring) {
        desired = keepIgnored(desired, live, ignore);
      }
    } catch (KubeException e) {
      if (!e.isTransient()) {
        return new ResourceState(desired, null, null, ResourceState.Sync.Unknown, e.getMessage());
      }
      throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
    }
    if (live == null) {
      fingerprints.remove(app, desired.key());
      return new ResourceState(desired, null, null, ResourceState.Sync.Missing, "missing");
    }
    Optional<String> owner = TrackingMark.trackingIdOf(live);
    if (owner.isPresent() && !TrackingMark.isManagedBy(live, app, desired.key())) {
      Optional<AppRef> other = owner.flatMap(TrackingMark::appOf);
      if (other.isPresent() && !other.get().equals(app)) {
        return new ResourceState(desired, live, null, ResourceState.Sync.Conflict,
            "already managed by application " + other.get());
      }
    }
    if (known && fingerprints.matches(app, desired.key(), desired.body(), live)) {
      return new ResourceState(desired, live, null, ResourceState.Sync.Synced, "");
    }
    Map<String, Object> predicted;
    try {
      predicted = resources.dryRun(desired.body(), desired.key());
    } catch (KubeException e) {
      if (e.isTransient()) throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
      return new ResourceState(desired, live, null, ResourceState.Sync.OutOfSync,
          desired.origin() + ": " + e.getMessage());
    }
    List<List<Object>> ignored = ignore.isEmpty() ? List.of() : IgnoredFields.paths(ignore, desired.key(), live);
    if (sameObject(IgnoredFields.removeFrom(predicted, ignored), IgnoredFields.removeFrom(live, ignored))) {
      fingerprints.put(app, desired.key(), desired.body(), live);
      return new ResourceState(desired, live, predicted, ResourceState.Sync.Synced, "");
    }
    fingerprints.remove(app, desired.key());
    return new ResourceState(desired, live, predicted, ResourceState.Sync.OutOfSync, "live state differs from Git");
  }

  private static Manifest keepIgnored(Manifest desired, Map<String, Object> live, List<IgnoreRule> ignore) {
    if (live == null) return desired;
    // Only fields Git sets take the live value: a field Git leaves out is never written anyway,
    // and copying it (another manager's status or annotations) would make Keelson its co-owner.
    List<List<Object>> paths = IgnoredFields.paths(ignore, desired.key(), live).stream()
        .filter(p -> present(desired.body(), p)).toList();
    if (paths.isEmpty()) return desired;
    return new Manifest(desired.key(), desired.apiVersion(), IgnoredFields.keepLive(desired.body(), live, paths),
        desired.origin());
  }

  private static boolean present(Object node, List<Object> path) {
    for (Object step : path) {
      if (node instanceof Map<?, ?> m && m.containsKey(String.valueOf(step))) {
        node = m.get(String.valueOf(step));
      } else if (node instanceof List<?> l && indexOf(step) >= 0 && indexOf(step) < l.size()) {
        node = l.get(indexOf(step));
      } else {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(Object step) {
    if (step instanceof Integer i) return i;
    try {
      return Integer.parseInt(String.valueOf(step));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Equal but for what the server maintains by itself. */
  static boolean sameObject(Map<String, Object> predicted, Map<String, Object> live) {
    return JsonValues.semanticallyEqual(DiffNormalizer.normalize(predicted), DiffNormalizer.normalize(live));
  }
}
