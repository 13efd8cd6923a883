package dev.keelson.core.sync;

import dev.keelson.core.model.ResourceKey;

/**
 * One thing a sync operation does to one object.
 *
 * @param key the object
 * @param role applied as an ordinary object, run as a hook, or deleted as stale
 * @param phase the phase it runs in ({@link SyncPhase#Sync} for ordinary objects and prunes)
 * @param wave its sync wave
 */
public record PlanItem(ResourceKey key, Role role, SyncPhase phase, int wave) {
  public enum Role {
    APPLY,
    HOOK,
    PRUNE
  }

  public static PlanItem apply(ResourceKey key, int wave) {
    return new PlanItem(key, Role.APPLY, SyncPhase.Sync, wave);
  }

  public static PlanItem hook(ResourceKey key, SyncPhase phase, int wave) {
    return new PlanItem(key, Role.HOOK, phase, wave);
  }

  public static PlanItem prune(ResourceKey key, int wave) {
    return new PlanItem(key, Role.PRUNE, SyncPhase.Sync, wave);
  }
}
