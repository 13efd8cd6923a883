package dev.keelson.controller.appset;

import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.api.v1alpha1.ApplicationSetStatus;
import dev.keelson.core.appset.SetPlan;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The set's status after a pass. Conditions: ParametersGenerated (False naming each failed
 * generator), DeletionHeld (True while the guard holds deletions, saying why and how to release
 * them), ResourcesUpToDate (False naming what could not be written), ErrorOccurred (an invalid spec).
 */
final class AppSetStatuses {
  static final String PARAMETERS_GENERATED = "ParametersGenerated";
  static final String DELETION_HELD = "DeletionHeld";
  static final String RESOURCES_UP_TO_DATE = "ResourcesUpToDate";
  static final String ERROR_OCCURRED = "ErrorOccurred";
  static final String ROLLOUT_PROGRESSING = "RolloutProgressing";

  private AppSetStatuses() {}

  static Optional<SetPlan.Hold> hold(ApplicationSetStatus s) {
    ApplicationSetStatus.HeldDeletion h = s.heldDeletion;
    if (h == null || h.id == null || h.since == null) return Optional.empty();
    try {
      return Optional.of(new SetPlan.Hold(h.id, h.applications, h.reason, Instant.parse(h.since)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static ApplicationSetStatus invalid(ApplicationSetStatus old, ApplicationSet set, String message, Instant now) {
    ApplicationSetStatus s = copyKept(old, set);
    s.generators = old.generators;
    s.applications = old.applications;
    s.conditions = List.of(condition(old, set, ERROR_OCCURRED, "True", "InvalidSpec", message, now));
    return s;
  }

  static ApplicationSetStatus next(ApplicationSetStatus old, ApplicationSet set, List<String> kinds,
      List<SetPlan.Result> results, List<SetPlan.Live> live, SetPlan.Output plan, List<String> problems, Instant now) {
    ApplicationSetStatus s = copyKept(old, set);
    plan.handledConfirmation().ifPresent(t -> s.lastHandledConfirm = t);
    List<String> failed = new ArrayList<>();
    for (SetPlan.Result r : results) {
      ApplicationSetStatus.GeneratorStatus g = new ApplicationSetStatus.GeneratorStatus();
      g.index = r.index();
      g.type = kinds.get(r.index());
      if (r instanceof SetPlan.Failed f) {
        g.state = "Failed";
        g.message = f.message();
        g.applications = new ArrayList<>(live.stream().filter(l -> l.generator() == r.index())
            .map(SetPlan.Live::name).sorted().toList());
        failed.add("generator " + r.index() + " (" + g.type + "): " + f.message());
      } else {
        g.state = "Ok";
        TreeSet<String> names = new TreeSet<>();
        ((SetPlan.Generated) r).apps().forEach(d -> names.add(d.name()));
        g.applications = new ArrayList<>(names);
      }
      s.generators.add(g);
    }
    TreeSet<String> apps = new TreeSet<>();
    live.forEach(l -> apps.add(l.name()));
    plan.creates().forEach(d -> apps.add(d.name()));
    plan.updates().forEach(d -> apps.add(d.name()));
    apps.removeAll(plan.deletes());
    s.applications = new ArrayList<>(apps);
    s.heldDeletion = plan.hold().map(h -> {
      ApplicationSetStatus.HeldDeletion x = new ApplicationSetStatus.HeldDeletion();
      x.id = h.id();
      x.applications = h.applications();
      x.reason = h.reason();
      x.since = h.since().toString();
      return x;
    }).orElse(null);

    List<Condition> conditions = new ArrayList<>();
    conditions.add(failed.isEmpty()
        ? condition(old, set, PARAMETERS_GENERATED, "True", "Generated", "every generator produced its parameters", now)
        : condition(old, set, PARAMETERS_GENERATED, "False", "GeneratorFailed",
            String.join("; ", failed) + " (its applications are kept)", now));
    conditions.add(plan.hold().map(h -> condition(old, set, DELETION_HELD, "True", "DeletionGuard",
            "deleting nothing: " + h.reason() + "; held: " + h.applications() + "; run `keelson appset confirm "
                + set.getMetadata().getName() + "` to delete them, or a pass after " + h.since()
                + " plus the set's interval that finds the same deletes them", now))
        .orElse(condition(old, set, DELETION_HELD, "False", "NothingHeld", "no deletion is held", now)));
    conditions.add(problems.isEmpty()
        ? condition(old, set, RESOURCES_UP_TO_DATE, "True", "ApplicationSetUpToDate",
            plan.notes().isEmpty() ? "applications are as generated" : String.join("; ", plan.notes()), now)
        : condition(old, set, RESOURCES_UP_TO_DATE, "False", "ApplicationWriteFailed", String.join("; ", problems), now));
    s.conditions = new ArrayList<>(conditions);
    return s;
  }

  /** RollingSync's steps, and the RolloutProgressing condition (True while a step is not done). */
  static void rollout(ApplicationSetStatus s, ApplicationSetStatus old, ApplicationSet set, RolloutGate.Gated rollout,
      Instant now) {
    s.rollingSync = rollout.status();
    String holding = rollout.status().steps.stream().filter(x -> !"Done".equals(x.state))
        .findFirst().map(x -> "step " + x.index + " " + x.state + ": " + x.holding).orElse("every step is done");
    s.conditions.add(rollout.complete()
        ? condition(old, set, ROLLOUT_PROGRESSING, "False", "RolloutComplete", holding, now)
        : condition(old, set, ROLLOUT_PROGRESSING, "True", "RollingSync", holding, now));
  }

  private static ApplicationSetStatus copyKept(ApplicationSetStatus old, ApplicationSet set) {
    ApplicationSetStatus s = new ApplicationSetStatus();
    s.observedGeneration = set.getMetadata().getGeneration();
    s.lastHandledConfirm = old.lastHandledConfirm;
    s.rollingSync = old.rollingSync;
    s.heldDeletion = old.heldDeletion;
    return s;
  }

  /** A condition whose transition time moves only when its status changes. */
  private static Condition condition(ApplicationSetStatus old, ApplicationSet set, String type, String status,
      String reason, String message, Instant now) {
    String since = now.toString();
    if (old.conditions != null) {
      for (Condition c : old.conditions) {
        if (type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
          since = c.getLastTransitionTime();
        }
      }
    }
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastTransitionTime(since).withObservedGeneration(set.getMetadata().getGeneration()).build();
  }
}
