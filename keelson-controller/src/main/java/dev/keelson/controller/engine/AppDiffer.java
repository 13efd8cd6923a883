package dev.keelson.controller.engine;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.core.diff.DiffNormalizer;
import dev.keelson.core.drift.DriftExplainer;
import dev.keelson.core.drift.ObjectDrift;
import dev.keelson.core.diff.IgnoreRule;
import dev.keelson.core.diff.IgnoredFields;
import dev.keelson.core.diff.UnifiedDiff;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.SyncAnnotations;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.ClusterObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Live against desired for `keelson app diff`, computed the way a sync would apply it: the
 * desired side is the server's dry-run result, so defaults and normalisation do not show up as
 * differences. Secret values are masked. Objects that would be pruned show as removed. Fields
 * under ignoreDifferences are left out on both sides, as when comparing for a sync.
 */
public final class AppDiffer {
  private final DesiredStateBuilder desiredBuilder;
  private final ClusterObjects resources;

  public AppDiffer(DesiredStateBuilder desiredBuilder, ClusterObjects resources) {
    this.desiredBuilder = desiredBuilder;
    this.resources = resources;
  }

  /**
   * @param drift for an existing object that differs, field by field and who changed each; null
   *     for an object that would be created or pruned
   */
  public record ObjectDiff(ResourceKey key, Change change, String diff, ObjectDrift drift) {}

  /** What a sync would do to the object. */
  public enum Change { CREATE, UPDATE, PRUNE }

  public record Report(String revision, List<ObjectDiff> diffs) {
    public boolean different() {
      return !diffs.isEmpty();
    }

    public String text() {
      StringBuilder sb = new StringBuilder();
      diffs.forEach(d -> sb.append(d.diff()));
      return sb.toString();
    }
  }

  public Report diff(AppSettings app, ApplicationStatus status) throws ReconcileFailure {
    // a pinned app is compared with the revision it is pinned to: that is what a sync applies
    AppSettings target = status != null && status.pinned != null && status.pinned.revision != null
        ? app.atRevision(status.pinned.revision) : app;
    DesiredState desired = desiredBuilder.build(target.asHelmUpgrade(AppEngine.installed(status)), true);
    List<ObjectDiff> diffs = new ArrayList<>();
    List<IgnoreRule> ignore = app.policy().ignoreRules();
    // hooks are run, not kept in sync: they are not part of the diff (nor of pruning)
    List<Manifest> objects = desired.objects().stream()
        .filter(m -> SyncAnnotations.parse(m.body()).isResource())
        .toList();
    for (Manifest m : objects) {
      Map<String, Object> live = get(m.apiVersion(), m.key());
      Map<String, Object> predicted = predict(m, live);
      if (live != null && !ignore.isEmpty()) {
        // Same rule as Comparer: these fields are neither drift nor overwritten by a sync.
        List<List<Object>> ignored = IgnoredFields.paths(ignore, m.key(), live);
        live = IgnoredFields.removeFrom(live, ignored);
        predicted = IgnoredFields.removeFrom(predicted, ignored);
      }
      DiffNormalizer.Pair pair = DiffNormalizer.forDiff(live, predicted);
      String text = UnifiedDiff.of(title(m.key()), pair.live(), pair.desired());
      if (!text.isEmpty()) {
        diffs.add(live == null ? new ObjectDiff(m.key(), Change.CREATE, text, null)
            : new ObjectDiff(m.key(), Change.UPDATE, text, DriftExplainer.explain(m.key(), live, predicted)));
      }
    }
    var stale = AppEngine.inventoryOf(status)
        .staleAgainst(objects.stream().map(Manifest::key).toList());
    for (var e : stale.entrySet()) {
      Map<String, Object> live = get(e.getValue(), e.getKey());
      if (live != null && TrackingMark.isManagedBy(live, app.ref(), e.getKey())) {
        DiffNormalizer.Pair pair = DiffNormalizer.forDiff(live, null);
        diffs.add(new ObjectDiff(e.getKey(), Change.PRUNE, UnifiedDiff.of(title(e.getKey()), pair.live(), null), null));
      }
    }
    return new Report(desired.revision(), diffs);
  }

  private Map<String, Object> get(String apiVersion, ResourceKey key) throws ReconcileFailure {
    try {
      return resources.get(apiVersion, key);
    } catch (KubeException e) {
      if (e.isTransient()) throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
      return null; // kind not served yet: the whole object is new
    }
  }

  /** The dry-run result; the manifest itself where a dry-run cannot run yet (new namespace or CRD). */
  private Map<String, Object> predict(Manifest m, Map<String, Object> live) throws ReconcileFailure {
    try {
      return resources.dryRun(m.body(), m.key());
    } catch (KubeException e) {
      if (e.isTransient()) throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
      if (live == null) return m.body();
      throw new ReconcileFailure(FailureReason.InvalidObject, m.origin() + " (" + m.key() + "): " + e.getMessage());
    }
  }

  private static String title(ResourceKey key) {
    String gk = key.group().isEmpty() ? key.kind() : key.group() + "/" + key.kind();
    return key.namespace().isEmpty() ? gk + "/" + key.name() : gk + "/" + key.namespace() + "/" + key.name();
  }
}
