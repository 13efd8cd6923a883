package dev.keelson.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Progressive sync (strategy RollingSync): which creates and updates of a pass may be written now.
 * Unlike Argo CD, automated sync stays on in the apps; the set rolls out by writing an app's new
 * spec only when its step's turn has come. A step is done only when every app in it has nothing
 * left to write and is {@link Readiness.Ready} (Synced to the current revision, Healthy, by a
 * status of the app's current generation: never a stale one). Apps matching no step form a last
 * implicit step.
 */
public final class RollingSync {
  private RollingSync() {}

  /** @param selector over the apps' labels; maxUpdate 0 waits for {@code keelson appset promote} */
  public record Step(ParamSelector selector, MaxUpdate maxUpdate) {
    /** @throws IllegalArgumentException */
    public static Step parse(JsonNode step) {
      com.fasterxml.jackson.databind.node.ObjectNode sel = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
          .objectNode();
      if (step.has("matchExpressions")) sel.set("matchExpressions", step.get("matchExpressions"));
      for (JsonNode e : step.path("matchExpressions")) {
        String op = e.path("operator").asText();
        if (!op.equals("In") && !op.equals("NotIn")) {
          throw new IllegalArgumentException("rollingSync: matchExpressions operator " + op + " is not In or NotIn");
        }
      }
      return new Step(ParamSelector.parse(sel), MaxUpdate.parse(step.get("maxUpdate")));
    }
  }

  /** How many apps of a step may be on their way (written, not yet ready) at once. */
  public sealed interface MaxUpdate {
    record All() implements MaxUpdate {}

    record Count(int n) implements MaxUpdate {}

    record Percent(int percent) implements MaxUpdate {}

    /** Absent: all; an integer; or "N%" (of the step's apps, rounded down, at least 1). @throws IllegalArgumentException */
    static MaxUpdate parse(JsonNode n) {
      if (n == null || n.isNull() || n.isMissingNode()) return new All();
      String s = n.asText().trim();
      try {
        if (s.endsWith("%")) {
          int p = Integer.parseInt(s.substring(0, s.length() - 1));
          if (p < 0 || p > 100) throw new IllegalArgumentException("rollingSync: maxUpdate " + s + " is not within 0%..100%");
          return new Percent(p);
        }
        int c = Integer.parseInt(s);
        if (c < 0) throw new IllegalArgumentException("rollingSync: maxUpdate must not be negative");
        return new Count(c);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("rollingSync: maxUpdate " + s + " is neither a number nor a percentage");
      }
    }

    default boolean isManualGate() {
      return (this instanceof Count c && c.n() == 0) || (this instanceof Percent p && p.percent() == 0);
    }

    default int limit(int apps) {
      if (this instanceof Count c) return c.n();
      if (this instanceof Percent p) return Math.max(1, apps * p.percent() / 100);
      return Integer.MAX_VALUE;
    }
  }

  /** Whether an app counts as rolled out. */
  public sealed interface Readiness {
    record Ready() implements Readiness {}

    record NotReady(String why) implements Readiness {}
  }

  /** @param pendingChange the pass has a create or update for it */
  public record App(String name, Map<String, String> labels, boolean pendingChange, Readiness readiness) {}

  public enum StepState { Done, Progressing, Waiting }

  /** One step as status shows it: its apps, its state and, unless done, what holds it. */
  public record StepStatus(int index, List<String> apps, StepState state, String holding) {}

  /** @param gatedStep the step waiting for promotion, if any */
  public record Rollout(Set<String> release, List<StepStatus> steps, Optional<Integer> gatedStep) {
    public boolean complete() {
      return steps.stream().allMatch(s -> s.state() == StepState.Done);
    }
  }

  public static Rollout plan(List<Step> steps, List<App> apps, Set<Integer> promoted) {
    List<List<App>> byStep = new ArrayList<>();
    for (int i = 0; i <= steps.size(); i++) byStep.add(new ArrayList<>());
    for (App a : apps) {
      int s = steps.size();
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i).selector().matches(a.labels())) {
          s = i;
          break;
        }
      }
      byStep.get(s).add(a);
    }
    Set<String> release = new LinkedHashSet<>();
    List<StepStatus> out = new ArrayList<>();
    Optional<Integer> gated = Optional.empty();
    String blockedBy = null;
    for (int i = 0; i < byStep.size(); i++) {
      List<App> members = byStep.get(i);
      if (i == steps.size() && members.isEmpty()) break;
      List<String> names = members.stream().map(App::name).sorted().toList();
      MaxUpdate max = i < steps.size() ? steps.get(i).maxUpdate() : new MaxUpdate.All();
      if (blockedBy != null) {
        out.add(new StepStatus(i, names, StepState.Waiting, blockedBy));
        continue;
      }
      List<App> pending = members.stream().filter(App::pendingChange).toList();
      List<App> onTheirWay = members.stream()
          .filter(a -> !a.pendingChange() && a.readiness() instanceof Readiness.NotReady).toList();
      if (pending.isEmpty() && onTheirWay.isEmpty()) {
        out.add(new StepStatus(i, names, StepState.Done, null));
        continue;
      }
      if (!pending.isEmpty() && max.isManualGate() && !promoted.contains(i)) {
        gated = Optional.of(i);
        String why = "maxUpdate 0: waiting for `keelson appset promote`";
        out.add(new StepStatus(i, names, StepState.Waiting, why));
        blockedBy = "waiting for step " + i;
        continue;
      }
      int room = max.isManualGate() ? Integer.MAX_VALUE : max.limit(members.size()) - onTheirWay.size();
      int released = 0;
      for (App a : pending) {
        if (released >= room) break;
        release.add(a.name());
        released++;
      }
      List<String> holding = new ArrayList<>();
      for (App a : onTheirWay) holding.add(a.name() + ": " + ((Readiness.NotReady) a.readiness()).why());
      for (App a : pending) {
        if (release.contains(a.name())) holding.add(a.name() + ": being updated");
        else holding.add(a.name() + ": waiting for room (maxUpdate)");
      }
      out.add(new StepStatus(i, names, StepState.Progressing, String.join("; ", holding)));
      blockedBy = "waiting for step " + i;
    }
    return new Rollout(release, out, gated);
  }
}
