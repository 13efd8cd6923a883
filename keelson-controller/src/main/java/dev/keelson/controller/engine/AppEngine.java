package dev.keelson.controller.engine;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.ApplicationStatus.Pin;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.operation.OperationInput;
import dev.keelson.controller.operation.OperationRunner;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.inventory.Inventory;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.drift.ObjectDrift;
import dev.keelson.core.project.Violation;
import dev.keelson.core.sync.GeneratedName;
import dev.keelson.core.sync.PlanItem;
import dev.keelson.core.sync.ReleaseAction;
import dev.keelson.core.sync.SecretProviderWaves;
import dev.keelson.core.sync.SyncAnnotations;
import dev.keelson.core.sync.SyncHints;
import dev.keelson.core.sync.SyncPhase;
import dev.keelson.core.sync.SyncPlan;
import dev.keelson.core.tracking.AppRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One reconcile of one app through the whole flow: source, render, compare, decide, apply (as a
 * sync operation over phases and waves), prune, health. Talks to the cluster only through its
 * steps; returns an {@link Outcome} from which the status is written.
 */
public final class AppEngine {
  private final DesiredStateBuilder desiredBuilder;
  private final Comparer comparer;
  private final Pruner pruner;
  private final HealthEvaluator health;
  private final OperationRunner runner;
  private final SyncDecider decider;
  private final Clock clock;
  private final DriftFights fights = new DriftFights();

  public AppEngine(DesiredStateBuilder desiredBuilder, Comparer comparer, Pruner pruner,
      HealthEvaluator health, OperationRunner runner, Clock clock) {
    this.desiredBuilder = desiredBuilder;
    this.comparer = comparer;
    this.pruner = pruner;
    this.health = health;
    this.runner = runner;
    this.clock = clock;
    this.decider = new SyncDecider(clock);
  }

  /** The health assessment for an app: built-in rules plus its healthChecks. */
  public HealthAssessor assessorFor(AppSettings app) {
    return health.assessorFor(app.policy().healthRules());
  }

  /** Forgets what is remembered about a deleted app. */
  public void forget(AppRef app) {
    desiredBuilder.forget(app);
    fights.forget(app);
  }

  public Outcome reconcile(AppSettings app, ApplicationStatus status, Request request) {
    return reconcile(app, status, request, Dependencies.NONE);
  }

  public Outcome reconcile(AppSettings app, ApplicationStatus status, Request request, Dependencies deps) {
    Ledger ledger = new Ledger(app, status, request, clock);
    Pin pin = ledger.pin();
    DesiredState desired;
    try {
      AppSettings target = (pin == null ? app : app.atRevision(pin.revision)).asHelmUpgrade(installed(status));
      // a sync or a refresh fetches now rather than at the interval
      desired = desiredBuilder.build(target, request.sync() != null || request.refresh() != null);
      admit(app, desired);
    } catch (ReconcileFailure f) {
      ledger.refuseOperations(f.getMessage());
      return Outcome.failed(f, ledger.result(null, false));
    }
    try {
      return converge(app, status, request, deps, desired, ledger);
    } catch (ReconcileFailure f) {
      ledger.refuseOperations(f.getMessage());
      return Outcome.failed(f, ledger.result(null, false));
    }
  }

  /** How many refusals a message lists; the rest are counted. */
  private static final int LISTED_VIOLATIONS = 5;

  /**
   * The project's rules over every object of the revision, hooks and child Applications included:
   * a single refusal applies nothing of it.
   */
  private static void admit(AppSettings app, DesiredState desired) throws ReconcileFailure {
    List<Violation> refused = app.tenancy().scope().check(desired.objects());
    if (refused.isEmpty()) return;
    StringBuilder m = new StringBuilder(refused.size() + " object(s) not permitted by the project, nothing applied: ");
    m.append(String.join("; ", refused.stream().limit(LISTED_VIOLATIONS).map(Violation::message).toList()));
    if (refused.size() > LISTED_VIOLATIONS) m.append("; and ").append(refused.size() - LISTED_VIOLATIONS).append(" more");
    throw new ReconcileFailure(FailureReason.ProjectViolation, m.toString());
  }

  private Outcome converge(AppSettings app, ApplicationStatus status, Request request, Dependencies deps,
      DesiredState desired, Ledger ledger) throws ReconcileFailure {
    AppRef ref = app.ref();
    HealthAssessor assessor = health.assessorFor(app.policy().healthRules());

    Map<ResourceKey, SyncHints> hints = new LinkedHashMap<>();
    Map<ResourceKey, Manifest> hooks = new LinkedHashMap<>();
    List<Manifest> resources = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Manifest m : desired.objects()) {
      SyncHints h = SyncAnnotations.parse(m.body());
      hints.put(m.key(), h);
      h.warnings().forEach(w -> warnings.add(m.origin() + " (" + m.key() + "): " + w));
      if (h.skip()) continue;
      if (h.isHook()) hooks.put(m.key(), m);
      else resources.add(m);
    }
    ledger.annotationWarnings(warnings);
    hints.putAll(SecretProviderWaves.adjust(resources, hints));
    List<ResourceState> states = new ArrayList<>();
    for (Manifest m : resources) states.add(comparer.compare(ref, m, app.policy().ignoreRules()));

    Inventory previous = inventoryOf(status);
    List<ResourceKey> desiredKeys = resources.stream().map(Manifest::key).toList();
    List<Pruner.Stale> staleOurs = pruner.ours(ref, previous.staleAgainst(desiredKeys));
    staleOurs.forEach(s -> hints.putIfAbsent(s.key(), s.hints()));

    List<ObjectDrift> drifts = DriftReport.of(states);
    if (request.sync() != null) fights.forget(ref);
    List<DriftFight> fought = fights.fights(ref, desired.digest(), drifts, clock.instant());
    Set<ResourceKey> leaveAlone = new java.util.HashSet<>();
    fought.forEach(f -> leaveAlone.add(f.key()));

    // what a sync could repair: another app's object is never taken over, and a Prune=false
    // object is never pruned, so neither may start a self-heal (it would start one each time);
    // nor may an object fought over with another manager
    boolean drifted = states.stream().anyMatch(s -> s.sync() != ResourceState.Sync.Synced
            && s.sync() != ResourceState.Sync.Conflict && !leaveAlone.contains(s.desired().key()))
        || (app.prune() && staleOurs.stream().anyMatch(s -> !s.ignoreExtraneous() && s.hints().options().prune()));
    SyncDecider.Situation situation = new SyncDecider.Situation(app, status, request, desired, drifted,
        ledger.pin(), deps, states, staleOurs);
    SyncDecider.Decision decision = ledger.record(decider.decide(situation, ledger));

    recordDrift(ref, status, desired, decision, drifts, fought, leaveAlone, ledger);

    OperationState op = ledger.operation();
    OperationRunner.Progress progress = null;
    // a self-heal leaves the objects fought over as they are
    List<ResourceState> operable = isSelfHeal(op) || decision instanceof SyncDecider.Decision.Start st
        && isSelfHeal(st.operation())
        ? states.stream().filter(s -> !leaveAlone.contains(s.desired().key())).toList() : states;
    if (decision instanceof SyncDecider.Decision.Start start) {
      op = start.operation();
      OperationInput input = input(app, op, status, operable, hooks, staleOurs, hints, desired, assessor);
      runner.begin(op, input);
      // recorded before it advances: should the cluster stop answering halfway, the operation
      // is kept in status and carries on from there instead of being forgotten
      ledger.started(op);
      progress = runner.advance(op, input);
    } else if (decision instanceof SyncDecider.Decision.Continue) {
      progress = runner.advance(op, input(app, op, status, operable, hooks, staleOurs, hints, desired, assessor));
    }
    boolean finished = ledger.advanced(op, progress != null);

    Map<String, Map<String, Object>> applied = progress == null ? Map.of() : progress.applied();
    List<ResourceState> after = afterApply(states, applied);
    List<Pruner.Stale> remaining = staleOurs;
    if (progress != null) {
      Set<ResourceKey> pruned = progress.actions().stream()
          .filter(a -> a.action() == ApplyAction.Action.Pruned).map(ApplyAction::key).collect(java.util.stream.Collectors.toSet());
      remaining = staleOurs.stream().filter(s -> !pruned.contains(s.key())).toList();
    }
    HealthEvaluator.Result h = health.assess(after, applied, assessor);
    SyncResult result = finished && !Boolean.TRUE.equals(op.dryRun) ? SyncResults.of(op, applied) : null;
    return new Outcome(desired, after, remaining, result, h.perObject(), h.app(),
        inventory(after, remaining), null, ledger.result(op, finished), fought);
  }

  private static boolean isSelfHeal(OperationState op) {
    return op != null && SELF_HEAL.equals(op.trigger);
  }

  /** The trigger SyncDecider gives a self-heal. */
  private static final String SELF_HEAL = "selfHeal";

  /**
   * Says who changed what: an event when drift is reverted, when it is first seen (and not
   * reverted), and when a fight with another manager begins; a revert is counted towards a fight.
   */
  private void recordDrift(AppRef ref, ApplicationStatus status, DesiredState desired, SyncDecider.Decision decision,
      List<ObjectDrift> drifts, List<DriftFight> fought, Set<ResourceKey> leaveAlone, Ledger ledger) {
    List<ObjectDrift> healed = drifts.stream().filter(d -> !leaveAlone.contains(d.key())).toList();
    boolean selfHeal = decision instanceof SyncDecider.Decision.Start start && isSelfHeal(start.operation());
    if (selfHeal && !healed.isEmpty()) {
      fights.reverted(ref, desired.digest(), healed, clock.instant());
      ledger.event(false, "DriftReverted", DriftReport.sentences(healed) + ", reverted");
    } else if (!drifts.isEmpty() && !DriftReport.signature(drifts).equals(DriftReport.signature(status))) {
      ledger.event(true, "DriftDetected", DriftReport.sentences(drifts));
    }
    boolean wasFighting = status != null && status.conditions != null && status.conditions.stream()
        .anyMatch(c -> StatusBuilder.DRIFT_FIGHT.equals(c.getType()) && "True".equals(c.getStatus()));
    if (!fought.isEmpty() && !wasFighting) {
      ledger.event(true, "DriftFight", String.join("; ", fought.stream().map(DriftFight::message).toList()));
    }
  }

  /**
   * Whether the app's release was installed: a sync of it succeeded before. Until then every sync
   * is its install (Helm's install hooks, {@code .Release.IsInstall}); afterwards an upgrade.
   */
  public static boolean installed(ApplicationStatus status) {
    return status != null && status.history != null
        && status.history.stream().anyMatch(ApplicationStatus.HistoryEntry::isDeployment);
  }

  /** What an operation is to a Helm release, which decides the Helm hooks it runs. */
  static ReleaseAction releaseAction(OperationState op, ApplicationStatus status) {
    if ("rollback".equals(op.trigger)) return ReleaseAction.Rollback;
    return installed(status) ? ReleaseAction.Upgrade : ReleaseAction.Install;
  }

  private static OperationInput input(AppSettings app, OperationState op, ApplicationStatus status,
      List<ResourceState> states,
      Map<ResourceKey, Manifest> hooks, List<Pruner.Stale> stale, Map<ResourceKey, SyncHints> hints,
      DesiredState desired, HealthAssessor assessor) {
    List<ResourceSelector> selection = op.resources == null ? List.of()
        : op.resources.stream().map(ResourceSelector::parse).toList();
    boolean selective = !selection.isEmpty();
    List<PlanItem> items = new ArrayList<>();
    Map<ResourceKey, ResourceState> byKey = new LinkedHashMap<>();
    for (ResourceState s : states) {
      ResourceKey key = s.desired().key();
      if (selective && selection.stream().noneMatch(sel -> sel.matches(key))) continue;
      byKey.put(key, s);
      items.add(PlanItem.apply(key, hints.get(key).wave()));
    }
    ReleaseAction action = releaseAction(op, status);
    Map<ResourceKey, Manifest> instances = new LinkedHashMap<>();
    Map<ResourceKey, SyncHints> allHints = new LinkedHashMap<>(hints);
    if (!selective) {
      hooks.forEach((key, m) -> {
        SyncHints h = hints.get(key);
        // a generateName hook becomes this operation's own instance, named after the operation
        Manifest instance = GeneratedName.instance(m, app.ref(), op.id);
        instances.put(instance.key(), instance);
        allHints.put(instance.key(), h);
        for (SyncPhase phase : h.hookPhasesFor(action)) items.add(PlanItem.hook(instance.key(), phase, h.wave()));
      });
    }
    Map<ResourceKey, Pruner.Stale> staleByKey = new LinkedHashMap<>();
    if (Boolean.TRUE.equals(op.prune)) {
      for (Pruner.Stale s : stale) {
        if (selective && selection.stream().noneMatch(sel -> sel.matches(s.key()))) continue;
        staleByKey.put(s.key(), s);
        items.add(PlanItem.prune(s.key(), s.hints().wave()));
      }
    }
    Set<String> namespaces = app.createNamespace() ? namespacesOf(desired) : Set.of();
    return new OperationInput(app, SyncPlan.of(items, app.policy().pruneLast()), byKey, instances, staleByKey,
        allHints, namespaces, assessor);
  }

  private static List<ResourceState> afterApply(List<ResourceState> states, Map<String, Map<String, Object>> applied) {
    List<ResourceState> out = new ArrayList<>(states.size());
    for (ResourceState s : states) {
      Map<String, Object> live = applied.get(s.desired().key().inventoryId());
      out.add(live == null ? s : new ResourceState(s.desired(), live, null, ResourceState.Sync.Synced, ""));
    }
    return out;
  }

  /** Every object that exists and is ours: what was applied or found, and stale ones not yet pruned. */
  private static Inventory inventory(List<ResourceState> states, List<Pruner.Stale> staleOurs) {
    Map<ResourceKey, String> entries = new LinkedHashMap<>();
    for (ResourceState s : states) {
      if (s.live() != null && s.sync() != ResourceState.Sync.Conflict) {
        entries.put(s.desired().key(), s.desired().apiVersion());
      }
    }
    staleOurs.forEach(st -> entries.put(st.key(), st.apiVersion()));
    return Inventory.of(entries);
  }

  public static Inventory inventoryOf(ApplicationStatus status) {
    Map<ResourceKey, String> entries = new LinkedHashMap<>();
    if (status != null && status.inventory != null && status.inventory.entries != null) {
      for (var e : status.inventory.entries) {
        try {
          entries.put(ResourceKey.fromInventoryId(e.id), e.v);
        } catch (IllegalArgumentException ignored) {
          // an entry Keelson did not write: nothing to prune from it
        }
      }
    }
    return Inventory.of(entries);
  }

  private static Set<String> namespacesOf(DesiredState desired) {
    Set<String> ns = new TreeSet<>();
    desired.objects().forEach(m -> {
      if (!m.key().namespace().isEmpty()) ns.add(m.key().namespace());
    });
    return ns;
  }
}
