package dev.keelson.controller.plan;

import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.core.diff.DiffNormalizer;
import dev.keelson.core.diff.IgnoreRule;
import dev.keelson.core.diff.IgnoredFields;
import dev.keelson.core.diff.UnifiedDiff;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.plan.report.ObjectChange;
import dev.keelson.core.sync.ObjectSyncOptions;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.kube.ClusterObjects;
import dev.keelson.kube.KubeException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One desired object against the cluster: the server's dry-run of the apply is what the sync would
 * store, so defaults and normalisation never count as changes (as `keelson app diff`). A refusal
 * of the dry-run is a finding of the plan, not an error of it: an immutable field means the
 * object would have to be recreated; any other refusal means the sync would fail on it.
 */
final class ObjectPlanner {
  private final ClusterObjects cluster;

  ObjectPlanner(ClusterObjects cluster) {
    this.cluster = cluster;
  }

  /**
   * The change, or empty when the object is in sync.
   *
   * @param failOnShared the app's FailOnSharedResource: another app's object fails its sync
   */
  Optional<ObjectChange> plan(AppRef app, Manifest m, ObjectSyncOptions own, List<IgnoreRule> ignore,
      boolean failOnShared) throws ReconcileFailure {
    Map<String, Object> live = get(m.apiVersion(), m.key());
    if (live != null && TrackingMark.trackingIdOf(live).isPresent() && !TrackingMark.isManagedBy(live, app, m.key())) {
      // as Comparer: another app's object is never taken over
      Optional<AppRef> other = TrackingMark.trackingIdOf(live).flatMap(TrackingMark::appOf);
      if (other.isPresent() && !other.get().equals(app)) {
        return Optional.of(new ObjectChange.Shared(m.key(), other.get().toString(), failOnShared));
      }
    }
    Map<String, Object> predicted;
    try {
      predicted = cluster.dryRun(m.body(), m.key());
    } catch (KubeException e) {
      // a server-side apply of an object that does not exist yet is authorised as a create
      failIfNotAnswer(e, "dry-run of " + m.key() + (live == null ? " (new: needs create)" : " (needs patch)"));
      if (live == null) {
        // a kind or namespace the same sync creates first: the dry-run cannot run before it
        predicted = m.body();
      } else if (immutable(e)) {
        return Optional.of(new ObjectChange.Recreate(m.key(), reason(e),
            own.force() ? ObjectChange.Remedy.FORCE_SET : ObjectChange.Remedy.NEEDS_FORCE));
      } else {
        return Optional.of(new ObjectChange.Rejected(m.key(), m.origin() + ": " + reason(e)));
      }
    }
    Map<String, Object> before = live;
    if (live != null && !ignore.isEmpty()) {
      // the fields a sync neither compares nor overwrites
      List<List<Object>> ignored = IgnoredFields.paths(ignore, m.key(), live);
      before = IgnoredFields.removeFrom(live, ignored);
      predicted = IgnoredFields.removeFrom(predicted, ignored);
    }
    DiffNormalizer.Pair pair = DiffNormalizer.forDiff(before, predicted);
    String diff = UnifiedDiff.of(title(m.key()), pair.live(), pair.desired());
    if (diff.isEmpty()) return Optional.empty();
    return Optional.of(live == null ? new ObjectChange.Create(m.key(), diff) : new ObjectChange.Update(m.key(), diff));
  }

  /** The live object; null when it does not exist or its kind is not served yet. */
  Map<String, Object> get(String apiVersion, ResourceKey key) throws ReconcileFailure {
    try {
      return cluster.get(apiVersion, key);
    } catch (KubeException e) {
      failIfNotAnswer(e, "reading " + key);
      return null;
    }
  }

  /**
   * A failure that says nothing about the object: the cluster did not answer, or refused the
   * plan's own rights (a missing RBAC verb must not read as "the object is new").
   */
  private static void failIfNotAnswer(KubeException e, String what) throws ReconcileFailure {
    if (e.isTransient()) throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
    if (code(e) == 403) {
      throw new ReconcileFailure(FailureReason.ClusterUnreachable, what + " forbidden: " + e.getMessage()
          + " (a plan needs get and list, and patch and create for its dry-runs: see docs/plan.md)", false);
    }
  }

  /** The API server's words for a change of a field that cannot change (HTTP 422). */
  private static boolean immutable(KubeException e) {
    return code(e) == 422 && e.getMessage() != null && e.getMessage().contains("immutable");
  }

  private static int code(KubeException e) {
    return e.getCause() instanceof KubernetesClientException k ? k.getCode() : 0;
  }

  private static String reason(KubeException e) {
    String m = e.getMessage();
    int colon = m == null ? -1 : m.indexOf(": ");
    // KubeException prefixes what was tried ("validating <key>"); the plan names the object itself
    return colon < 0 ? String.valueOf(m) : m.substring(colon + 2);
  }

  static String title(ResourceKey key) {
    String gk = key.group().isEmpty() ? key.kind() : key.group() + "/" + key.kind();
    return key.namespace().isEmpty() ? gk + "/" + key.name() : gk + "/" + key.namespace() + "/" + key.name();
  }
}
