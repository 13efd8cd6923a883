package dev.keelson.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.model.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyncPlanTest {
  private static ResourceKey cm(String name) {
    return new ResourceKey("", "ConfigMap", "ns", name);
  }

  private static ResourceKey job(String name) {
    return new ResourceKey("batch", "Job", "ns", name);
  }

  @Test
  @DisplayName("PreSync hooks, then Sync waves in order, then PostSync; SyncFail kept apart; PostDelete left out")
  void phasesThenWaves() {
    SyncPlan plan = SyncPlan.of(List.of(
        PlanItem.apply(cm("late"), 5),
        PlanItem.hook(job("post"), SyncPhase.PostSync, 0),
        PlanItem.apply(cm("early"), -1),
        PlanItem.hook(job("pre"), SyncPhase.PreSync, 0),
        PlanItem.hook(job("fail"), SyncPhase.SyncFail, 0),
        PlanItem.hook(job("gone"), SyncPhase.PostDelete, 0),
        PlanItem.apply(cm("mid"), 0)), false);

    assertThat(plan.steps()).extracting(s -> s.phase() + "/" + s.wave())
        .containsExactly("PreSync/0", "Sync/-1", "Sync/0", "Sync/5", "PostSync/0");
    assertThat(plan.failSteps()).extracting(s -> s.items().get(0).key().name()).containsExactly("fail");
    assertThat(plan.steps()).flatExtracting(SyncStep::items).noneMatch(i -> i.key().name().equals("gone"));
  }

  @Test
  @DisplayName("within a step: namespaces first, then other objects, then hooks, then prunes")
  void withinAStep() {
    ResourceKey ns = new ResourceKey("", "Namespace", "", "ns");
    SyncPlan plan = SyncPlan.of(List.of(
        PlanItem.prune(cm("old"), 0),
        PlanItem.hook(job("sync-hook"), SyncPhase.Sync, 0),
        PlanItem.apply(cm("a"), 0),
        PlanItem.apply(ns, 0)), false);

    assertThat(plan.steps()).hasSize(1);
    assertThat(plan.steps().get(0).items()).extracting(i -> i.key().name())
        .containsExactly("ns", "a", "sync-hook", "old");
  }

  @Test
  @DisplayName("PruneLast moves every prune into a final step of its own")
  void pruneLast() {
    SyncPlan plan = SyncPlan.of(List.of(PlanItem.prune(cm("old"), -3), PlanItem.apply(cm("a"), 2)), true);

    assertThat(plan.steps()).extracting(SyncStep::wave).containsExactly(2, SyncPlan.PRUNE_LAST_WAVE);
  }

  @Test
  @DisplayName("steps are found by position, and the next one after a position that no longer exists")
  void navigation() {
    SyncPlan plan = SyncPlan.of(List.of(PlanItem.apply(cm("a"), 0), PlanItem.apply(cm("b"), 3),
        PlanItem.hook(job("post"), SyncPhase.PostSync, 1)), false);

    assertThat(plan.at(SyncPhase.Sync, 3)).get().extracting(SyncStep::wave).isEqualTo(3);
    assertThat(plan.at(SyncPhase.Sync, 1)).isEmpty();
    assertThat(plan.after(SyncPhase.Sync, 1)).get().extracting(SyncStep::wave).isEqualTo(3);
    assertThat(plan.after(SyncPhase.Sync, 3)).get().extracting(SyncStep::phase).isEqualTo(SyncPhase.PostSync);
    assertThat(plan.after(SyncPhase.PostSync, 1)).isEmpty();
    assertThat(SyncPlan.of(List.of(), false).isEmpty()).isTrue();
  }
}
