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
 */
public record SyncHints(
    int wave,
    Set<SyncPhase> hookPhases,
    Set<HookDeletePolicy> deletePolicies,
    ObjectSyncOptions options,
    boolean ignoreExtraneous,
    boolean skip,
    List<String> warnings) {

  public static final SyncHints DEFAULTS =
      new SyncHints(0, Set.of(), Set.of(), ObjectSyncOptions.DEFAULTS, false, false, List.of());

  public SyncHints {
    hookPhases = Set.copyOf(hookPhases);
    deletePolicies = Set.copyOf(deletePolicies);
    warnings = List.copyOf(warnings);
  }

  public boolean isHook() {
    return !hookPhases.isEmpty();
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
