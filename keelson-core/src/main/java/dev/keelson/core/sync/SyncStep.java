package dev.keelson.core.sync;

import java.util.Comparator;
import java.util.List;

/**
 * The items of one phase and wave: applied together, then awaited (healthy objects, completed
 * hooks) before the next step starts.
 */
public record SyncStep(SyncPhase phase, int wave, List<PlanItem> items) {
  public SyncStep {
    items = List.copyOf(items);
  }

  /** Position of a step in an operation: phase first, then wave. */
  public static final Comparator<SyncStep> ORDER =
      Comparator.comparing(SyncStep::phase).thenComparingInt(SyncStep::wave);

  public boolean isAfter(SyncPhase otherPhase, int otherWave) {
    int byPhase = phase.compareTo(otherPhase);
    return byPhase > 0 || (byPhase == 0 && wave > otherWave);
  }

  public List<PlanItem> of(PlanItem.Role role) {
    return items.stream().filter(i -> i.role() == role).toList();
  }

  public boolean hasHooks() {
    return items.stream().anyMatch(i -> i.role() == PlanItem.Role.HOOK);
  }
}
