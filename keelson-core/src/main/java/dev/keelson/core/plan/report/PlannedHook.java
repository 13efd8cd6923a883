package dev.keelson.core.plan.report;

import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.HookDeletePolicy;
import dev.keelson.core.sync.SyncPhase;
import java.util.Set;

/** A hook the sync would run: in which phase and wave, and when it is deleted again. */
public record PlannedHook(ResourceKey key, SyncPhase phase, int wave, Set<HookDeletePolicy> deletePolicies) {
  public PlannedHook {
    deletePolicies = Set.copyOf(deletePolicies);
  }
}
