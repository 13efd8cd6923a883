package dev.keelson.core.sync;

import java.util.List;
import java.util.Set;

/**
 * What an object's annotations say about how it is synced.
 *
 * @param wave sync wave (default 0, may be negative)
 * @param hookPhases phases the object is a hook of; empty for an ordinary object
 * @param deletePolicies hook delete policies; empty means the default (BeforeHookCreation)
 * @param options per-object sync options
 * @param ignoreExtraneous compare-options IgnoreExtraneous: not counted as out of sync when extraneous
 * @param skip the object is not applied at all (Helm's hook "test", Argo's hook "Skip")
 * @param warnings annotation values that could not be read, each naming the annotation
 * @param helmEvents the Helm events of a {@code helm.sh/hook} hook, which decide the operations it
 *     runs in ({@link #hookPhasesFor}); empty for other hooks
 */
public record SyncHints(
    int wave,
    Set<SyncPhase> hookPhases,
    Set<HookDeletePolicy> deletePolicies,
    ObjectSyncOptions options,
    boolean ignoreExtraneous,
    boolean skip,
    List<String> warnings,
    Set<HelmHookEvent> helmEvents) {

  public static final SyncHints DEFAULTS =
      new SyncHints(0, Set.of(), Set.of(), ObjectSyncOptions.DEFAULTS, false, false, List.of(), Set.of());

  public SyncHints {
    hookPhases = Set.copyOf(hookPhases);
    helmEvents = Set.copyOf(helmEvents);
    deletePolicies = Set.copyOf(deletePolicies);
    warnings = List.copyOf(warnings);
  }

  /** The same hints in another wave. */
  public SyncHints withWave(int other) {
    return new SyncHints(other, hookPhases, deletePolicies, options, ignoreExtraneous, skip, warnings, helmEvents);
  }

  public boolean isHook() {
    return !hookPhases.isEmpty();
  }

  /**
   * The phases the hook runs in during an operation of this kind. Keelson's and Argo CD's hooks
   * run in their phases in every sync; a Helm hook only in the operations its events name.
   */
  public Set<SyncPhase> hookPhasesFor(ReleaseAction kind) {
    if (helmEvents.isEmpty()) return hookPhases;
    Set<SyncPhase> phases = java.util.EnumSet.noneOf(SyncPhase.class);
    for (HelmHookEvent e : helmEvents) {
      if (e.runsOn(kind)) phases.add(e.phase());
    }
    return phases;
  }

  /** An ordinary object: applied, compared, inventoried and pruned (neither a hook nor skipped). */
  public boolean isResource() {
    return !isHook() && !skip;
  }

  /** The effective policies: BeforeHookCreation when none is given, as in Argo CD. */
  public Set<HookDeletePolicy> effectiveDeletePolicies() {
    return deletePolicies.isEmpty() ? Set.of(HookDeletePolicy.BeforeHookCreation) : deletePolicies;
  }
}
