package dev.keelson.controller.appset;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.api.v1alpha1.ApplicationSetStatus;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.core.appset.RollingSync;
import dev.keelson.core.appset.SetPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * RollingSync applied to a pass: lets through only the creates and updates whose step's turn has
 * come, and records each step in status. Deletions are not staged.
 */
final class RolloutGate {
  record Gated(SetPlan.Output plan, ApplicationSetStatus.RollingSyncStatus status, boolean complete) {}

  private RolloutGate() {}

  static Gated apply(ApplicationSet set, Strategy.Rolling strategy, List<SetPlan.Result> results, SetPlan.Output plan,
      Map<String, Application> owned, RolloutReadiness.Revisions revisions, ApplicationSetStatus old) {
    Map<String, SetPlan.Desired> desired = new LinkedHashMap<>();
    for (SetPlan.Result r : results) {
      if (r instanceof SetPlan.Generated g) g.apps().forEach(d -> desired.putIfAbsent(d.name(), d));
    }
    TreeSet<String> pending = new TreeSet<>();
    plan.creates().forEach(d -> pending.add(d.name()));
    plan.updates().forEach(d -> pending.add(d.name()));
    List<RollingSync.App> apps = new ArrayList<>();
    for (SetPlan.Desired d : desired.values()) {
      Map<String, String> labels = new HashMap<>();
      d.app().path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      Application live = owned.get(d.name());
      RollingSync.Readiness readiness = pending.contains(d.name()) || live == null
          ? new RollingSync.Readiness.NotReady("not written yet") : RolloutReadiness.of(live, revisions);
      apps.add(new RollingSync.App(d.name(), labels, pending.contains(d.name()), readiness));
    }

    ApplicationSetStatus.RollingSyncStatus previous = old.rollingSync == null
        ? new ApplicationSetStatus.RollingSyncStatus() : old.rollingSync;
    TreeSet<Integer> promoted = new TreeSet<>(previous.promotedSteps == null ? List.of() : previous.promotedSteps);
    String handledPromote = previous.lastHandledPromote;
    RollingSync.Rollout rollout = RollingSync.plan(strategy.steps(), apps, promoted);
    Optional<OperatorRequest> promote = promotion(set, handledPromote);
    if (promote.isPresent()) {
      handledPromote = promote.get().at();
      if (rollout.gatedStep().isPresent()) {
        promoted.add(rollout.gatedStep().get());
        rollout = RollingSync.plan(strategy.steps(), apps, promoted);
      }
    }

    List<SetPlan.Desired> creates = new ArrayList<>();
    List<SetPlan.Desired> updates = new ArrayList<>();
    for (SetPlan.Desired d : plan.creates()) if (rollout.release().contains(d.name())) creates.add(d);
    for (SetPlan.Desired d : plan.updates()) if (rollout.release().contains(d.name())) updates.add(d);
    SetPlan.Output gated = new SetPlan.Output(creates, updates, plan.deletes(), plan.hold(), plan.notes(),
        plan.handledConfirmation());

    ApplicationSetStatus.RollingSyncStatus status = new ApplicationSetStatus.RollingSyncStatus();
    status.lastHandledPromote = handledPromote;
    boolean complete = rollout.complete() && rollout.release().isEmpty();
    // a promotion releases its step for this rollout only: the next one waits again
    status.promotedSteps = complete ? new ArrayList<>() : new ArrayList<>(promoted);
    for (RollingSync.StepStatus s : rollout.steps()) {
      ApplicationSetStatus.StepStatus x = new ApplicationSetStatus.StepStatus();
      x.index = s.index();
      x.applications = s.apps();
      x.state = s.state().name();
      x.holding = s.holding();
      status.steps.add(x);
    }
    return new Gated(gated, status, complete);
  }

  private static Optional<OperatorRequest> promotion(ApplicationSet set, String handled) {
    var annotations = set.getMetadata().getAnnotations();
    return OperatorRequest.parse(annotations == null ? null : annotations.get(AppSetLabels.PROMOTE))
        .filter(r -> !r.at().equals(handled));
  }
}
