package dev.keelson.controller.engine;

import dev.keelson.core.health.Health;
import dev.keelson.core.inventory.Inventory;
import dev.keelson.core.model.ResourceKey;
import java.util.List;
import java.util.Map;

/**
 * Everything one reconcile learned, from which the status is written. Fields are null when the
 * step that produces them did not run (e.g. no comparison after a render failure).
 */
public record Outcome(
    DesiredState desired,
    List<ResourceState> states,
    List<Pruner.Stale> staleOurs,
    SyncResult sync,
    Map<ResourceKey, Health> health,
    Health appHealth,
    Inventory inventory,
    ReconcileFailure failure,
    Orchestration orchestration,
    List<DriftFight> fights) {

  public Outcome {
    fights = fights == null ? List.of() : List.copyOf(fights);
  }

  /** The same outcome without drift fights (what reconciles that never compared have). */
  public Outcome(DesiredState desired, List<ResourceState> states, List<Pruner.Stale> staleOurs, SyncResult sync,
      Map<ResourceKey, Health> health, Health appHealth, Inventory inventory, ReconcileFailure failure,
      Orchestration orchestration) {
    this(desired, states, staleOurs, sync, health, appHealth, inventory, failure, orchestration, List.of());
  }

  public static Outcome failed(ReconcileFailure failure) {
    return failed(failure, null);
  }

  public static Outcome failed(ReconcileFailure failure, Orchestration orchestration) {
    return new Outcome(null, null, null, null, null, null, null, failure, orchestration);
  }

  public boolean compared() {
    return states != null;
  }

  public boolean inSync() {
    return compared()
        && states.stream().allMatch(s -> s.sync() == ResourceState.Sync.Synced)
        && (staleOurs == null || staleOurs.stream().allMatch(Pruner.Stale::ignoreExtraneous));
  }
}
