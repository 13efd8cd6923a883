package dev.keelson.controller.plan;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.AppEngine;
import dev.keelson.controller.engine.Dependencies;
import dev.keelson.controller.engine.DesiredState;
import dev.keelson.controller.engine.DesiredStateBuilder;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.core.diff.DiffNormalizer;
import dev.keelson.core.diff.UnifiedDiff;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.plan.report.AppPlan;
import dev.keelson.core.plan.report.Hold;
import dev.keelson.core.plan.report.ObjectChange;
import dev.keelson.core.plan.report.PlannedHook;
import dev.keelson.core.project.Violation;
import dev.keelson.core.sync.ReleaseAction;
import dev.keelson.core.sync.SyncAnnotations;
import dev.keelson.core.sync.SyncHints;
import dev.keelson.core.sync.SyncPhase;
import dev.keelson.core.tracking.TrackingMark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One app at the planned commit on its destination: rendered with its own settings, every object
 * dry-run, stale objects found from its inventory, its hooks listed by phase and wave, and what
 * would hold the sync. Reads and dry-runs only.
 */
final class AppPlanner {
  /** How many project refusals are listed; the rest are counted. */
  private static final int LISTED_VIOLATIONS = 5;

  private final DesiredStateBuilder desired;
  private final ObjectPlanner objects;

  AppPlanner(DesiredStateBuilder desired, ObjectPlanner objects) {
    this.desired = desired;
    this.objects = objects;
  }

  /**
   * @param placed the app's settings under its project
   * @param refused the project's refusals of the app itself (source, destination), found before
   */
  AppPlan plan(AppSettings placed, ApplicationStatus status, String commit, String cluster, List<Hold> refused,
      Dependencies deps, Instant now) throws ReconcileFailure {
    boolean installed = AppEngine.installed(status);
    DesiredState state = desired.build(placed.atRevision(commit).asHelmUpgrade(installed), false);
    ReleaseAction release = installed ? ReleaseAction.Upgrade : ReleaseAction.Install;
    List<ObjectChange> changes = new ArrayList<>();
    List<PlannedHook> hooks = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<ResourceKey> keys = new ArrayList<>();
    for (Manifest m : state.objects()) {
      SyncHints h = SyncAnnotations.parse(m.body());
      h.warnings().forEach(w -> warnings.add(m.origin() + " (" + m.key() + "): " + w));
      if (h.skip()) continue;
      if (h.isHook()) {
        for (SyncPhase phase : h.hookPhasesFor(release)) {
          if (!phase.onDeletion()) hooks.add(new PlannedHook(m.key(), phase, h.wave(), h.effectiveDeletePolicies()));
        }
        continue;
      }
      keys.add(m.key());
      objects.plan(placed.ref(), m, h.options(), placed.policy().ignoreRules(), placed.failOnSharedResource())
          .ifPresent(changes::add);
    }
    for (var e : AppEngine.inventoryOf(status).staleAgainst(keys).entrySet()) {
      Map<String, Object> live = objects.get(e.getValue(), e.getKey());
      if (live == null || !TrackingMark.isManagedBy(live, placed.ref(), e.getKey())) continue;
      SyncHints h = SyncAnnotations.parse(live);
      ObjectChange.PruneMode mode = !h.options().prune() ? ObjectChange.PruneMode.PRUNE_FALSE
          : !placed.prune() ? ObjectChange.PruneMode.PRUNE_DISABLED : ObjectChange.PruneMode.PRUNE;
      DiffNormalizer.Pair pair = DiffNormalizer.forDiff(live, null);
      changes.add(new ObjectChange.Delete(e.getKey(), h.wave(), mode,
          UnifiedDiff.of(ObjectPlanner.title(e.getKey()), pair.live(), null)));
    }
    hooks.sort(Comparator.comparing(PlannedHook::phase).thenComparingInt(PlannedHook::wave)
        .thenComparing(PlannedHook::key));
    List<Hold> holds = new ArrayList<>(refused);
    holds.addAll(projectRefusals(placed, state));
    // the gates matter only to a sync that has something to do
    if (!changes.isEmpty()) holds.addAll(Holds.of(placed, status, deps, now));
    return new AppPlan(placed.ref().namespace(), placed.ref().name(), cluster, placed.path(), state.revision(),
        changes, hooks, holds, warnings, null);
  }

  /** The project over every rendered object, hooks included: one refusal and the sync applies nothing. */
  private static List<Hold> projectRefusals(AppSettings placed, DesiredState state) {
    List<Violation> refused = placed.tenancy().scope().check(state.objects());
    List<Hold> out = new ArrayList<>();
    refused.stream().limit(LISTED_VIOLATIONS)
        .forEach(v -> out.add(new Hold(Hold.Reason.PROJECT, v.message() + " (" + v.rule() + ")")));
    if (refused.size() > LISTED_VIOLATIONS) {
      out.add(new Hold(Hold.Reason.PROJECT, "and " + (refused.size() - LISTED_VIOLATIONS) + " more refusal(s)"));
    }
    return out;
  }
}
