package dev.keelson.core.sync;

import dev.keelson.core.plan.KindOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The order of a sync operation, as Argo CD users know it: PreSync hooks, then the Sync phase
 * wave by wave (ordinary objects, Sync hooks and prunes of each wave together), then PostSync
 * hooks; SyncFail hooks only when something failed. Within a step, ordinary objects come in kind
 * order (Namespaces and CRDs first), then hooks, then prunes in reverse kind order.
 *
 * <p>Steps are addressed by phase and wave rather than by index: the set of stale objects shrinks
 * as an operation prunes them, and a resumed operation must find its place again all the same.
 */
public final class SyncPlan {
  /** Wave of the step that prunes when PruneLast=true: after every other Sync step. */
  public static final int PRUNE_LAST_WAVE = Integer.MAX_VALUE;

  private final List<SyncStep> steps;
  private final List<SyncStep> failSteps;

  private SyncPlan(List<SyncStep> steps, List<SyncStep> failSteps) {
    this.steps = steps;
    this.failSteps = failSteps;
  }

  /**
   * @param items every object's part; PreDelete and PostDelete hooks are left out (they run on deletion)
   * @param pruneLast prune only after every other Sync step (PruneLast=true)
   */
  public static SyncPlan of(List<PlanItem> items, boolean pruneLast) {
    Map<SyncPhase, TreeMap<Integer, List<PlanItem>>> byPhase = new TreeMap<>();
    for (PlanItem item : items) {
      if (item.phase().onDeletion()) continue;
      int wave = item.role() == PlanItem.Role.PRUNE && pruneLast ? PRUNE_LAST_WAVE : item.wave();
      byPhase.computeIfAbsent(item.phase(), p -> new TreeMap<>())
          .computeIfAbsent(wave, w -> new ArrayList<>()).add(item);
    }
    List<SyncStep> steps = new ArrayList<>();
    List<SyncStep> fail = new ArrayList<>();
    byPhase.forEach((phase, waves) -> waves.forEach((wave, list) -> {
      list.sort(WITHIN_STEP);
      (phase == SyncPhase.SyncFail ? fail : steps).add(new SyncStep(phase, wave, list));
    }));
    steps.sort(SyncStep.ORDER);
    fail.sort(SyncStep.ORDER);
    return new SyncPlan(List.copyOf(steps), List.copyOf(fail));
  }

  private static final Comparator<PlanItem> WITHIN_STEP = (a, b) -> {
    int byRole = a.role().compareTo(b.role());
    if (byRole != 0) return byRole;
    if (a.role() == PlanItem.Role.PRUNE) return KindOrder.keyPruneOrder().compare(a.key(), b.key());
    return KindOrder.keyApplyOrder().compare(a.key(), b.key());
  };

  /** PreSync, Sync and PostSync steps in order. */
  public List<SyncStep> steps() {
    return steps;
  }

  /** SyncFail steps in wave order. */
  public List<SyncStep> failSteps() {
    return failSteps;
  }

  public Optional<SyncStep> first() {
    return steps.stream().findFirst();
  }

  /** The step at this position, if the plan still has one there. */
  public Optional<SyncStep> at(SyncPhase phase, int wave) {
    List<SyncStep> list = phase == SyncPhase.SyncFail ? failSteps : steps;
    return list.stream().filter(s -> s.phase() == phase && s.wave() == wave).findFirst();
  }

  /** The first step after this position, within the normal sequence or within SyncFail. */
  public Optional<SyncStep> after(SyncPhase phase, int wave) {
    List<SyncStep> list = phase == SyncPhase.SyncFail ? failSteps : steps;
    return list.stream().filter(s -> s.isAfter(phase, wave)).findFirst();
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }
}
