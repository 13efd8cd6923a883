package dev.keelson.controller.operation;

import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.controller.engine.ApplyAction;
import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.Pruner;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.engine.ResourceState;
import dev.keelson.controller.engine.SyncResult;
import dev.keelson.controller.engine.Syncer;
import dev.keelson.core.health.Health;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.OperationPhase;
import dev.keelson.core.sync.PlanItem;
import dev.keelson.core.sync.ResultCode;
import dev.keelson.core.sync.SyncPhase;
import dev.keelson.core.sync.SyncStep;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.ClusterObjects;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a sync operation forward as far as it can go without waiting: applies a step, checks
 * whether it is done (objects healthy, hooks completed), goes on to the next, and stops at the
 * first step that needs time. Everything it learns is written into the {@link OperationState},
 * which the status keeps: a controller restarted mid-operation picks up at the same step and
 * neither applies a step twice nor runs a hook twice.
 *
 * <p>A step is awaited only when another step follows it, as in Argo CD: the operation ends once
 * the last wave is applied, and the app's health then speaks for itself.
 */
public final class OperationRunner {
  private final Syncer syncer;
  private final Pruner pruner;
  private final ClusterObjects resources;
  private final HookRunner hooks;
  private final Clock clock;

  public OperationRunner(Syncer syncer, Pruner pruner, ClusterObjects resources, Clock clock) {
    this.syncer = syncer;
    this.pruner = pruner;
    this.resources = resources;
    this.hooks = new HookRunner(resources);
    this.clock = clock;
  }

  /** What one advance did: objects applied (freshest copies, by inventory id) and actions. */
  public record Progress(Map<String, Map<String, Object>> applied, List<ApplyAction> actions) {}

  /** Places a new operation at its first step. */
  public void begin(OperationState op, OperationInput in) {
    op.phase = OperationPhase.Running.name();
    op.startedAt = now();
    op.finishedAt = null;
    op.results = new ArrayList<>();
    op.message = "started";
    Optional<SyncStep> first = in.plan().first();
    if (first.isEmpty()) {
      finish(op, OperationPhase.Succeeded, "nothing to do");
      return;
    }
    at(op, first.get());
  }

  public Progress advance(OperationState op, OperationInput in) throws ReconcileFailure {
    Map<String, Map<String, Object>> applied = new LinkedHashMap<>();
    List<ApplyAction> actions = new ArrayList<>();
    try {
      while (OperationPhase.of(op.phase) == OperationPhase.Running) {
        SyncPhase phase = SyncPhase.valueOf(op.syncPhase);
        int wave = op.wave == null ? 0 : op.wave;
        Optional<SyncStep> current = in.plan().at(phase, wave);
        if (Boolean.TRUE.equals(op.stepApplied)) {
          StepVerdict verdict = current.isEmpty() ? StepVerdict.DONE : await(op, in, current.get(), applied);
          if (verdict instanceof StepVerdict.Waiting w) {
            op.message = w.why();
            return new Progress(applied, actions);
          }
          if (verdict instanceof StepVerdict.Failed f) {
            fail(op, in, f.why());
            continue;
          }
          if (!next(op, in, phase, wave)) return new Progress(applied, actions);
          continue;
        }
        if (current.isEmpty()) {
          if (!next(op, in, phase, wave)) return new Progress(applied, actions);
          continue;
        }
        SyncStep step = current.get();
        StepVerdict done = Boolean.TRUE.equals(op.dryRun)
            ? dryRun(op, in, step, actions) : apply(op, in, step, applied, actions);
        if (done instanceof StepVerdict.Failed f) {
          fail(op, in, f.why());
          continue;
        }
        if (done instanceof StepVerdict.Waiting w) {
          op.message = w.why();
          return new Progress(applied, actions);
        }
        op.stepApplied = true;
        op.message = "applied " + describe(step);
        boolean last = in.plan().after(phase, wave).isEmpty() && phase != SyncPhase.SyncFail;
        if (Boolean.TRUE.equals(op.dryRun) || (last && !step.hasHooks())) {
          next(op, in, phase, wave);
          continue;
        }
        // Hooks just created are persisted (in status) before anything else happens, so a
        // restart finds them; they take time to run anyway.
        if (step.hasHooks()) return new Progress(applied, actions);
      }
    } catch (KubeException e) {
      if (e.isTransient()) throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
      fail(op, in, e.getMessage());
    }
    return new Progress(applied, actions);
  }

  /** Moves to the step after this one; false when the operation ended here. */
  private boolean next(OperationState op, OperationInput in, SyncPhase phase, int wave) {
    Optional<SyncStep> next = in.plan().after(phase, wave);
    if (next.isPresent()) {
      at(op, next.get());
      return true;
    }
    if (phase == SyncPhase.SyncFail) {
      finish(op, OperationPhase.Failed, op.failure);
    } else {
      finish(op, OperationPhase.Succeeded, summary(op));
    }
    return false;
  }

  private void fail(OperationState op, OperationInput in, String why) {
    if (SyncPhase.SyncFail.name().equals(op.syncPhase)) {
      finish(op, OperationPhase.Failed, op.failure == null ? why : op.failure);
      return;
    }
    op.failure = why;
    Optional<SyncStep> firstFail = in.plan().failSteps().stream().findFirst();
    if (firstFail.isEmpty() || Boolean.TRUE.equals(op.dryRun)) {
      finish(op, OperationPhase.Failed, why);
      return;
    }
    at(op, firstFail.get());
    op.message = "running SyncFail hooks after: " + why;
  }

  private static void at(OperationState op, SyncStep step) {
    op.syncPhase = step.phase().name();
    op.wave = step.wave();
    op.stepApplied = false;
  }

  private void finish(OperationState op, OperationPhase phase, String message) {
    end(op, phase, message, now());
  }

  /** Holds a running operation where it is (syncing suspended): it goes on once resumed. */
  public static void pause(OperationState op, String message) {
    op.message = message;
  }

  /** When a failed operation is tried again (syncPolicy.retry). */
  public static void retryAt(OperationState op, Instant at) {
    op.nextRetryAt = at.toString();
  }

  /** Ends an operation: its final phase, why, and when. */
  public static void end(OperationState op, OperationPhase phase, String message, String at) {
    op.phase = phase.name();
    op.message = message;
    op.finishedAt = at;
    op.stepApplied = null;
  }

  // ---- applying a step ----

  private StepVerdict apply(OperationState op, OperationInput in, SyncStep step,
      Map<String, Map<String, Object>> applied, List<ApplyAction> actions) throws KubeException, ReconcileFailure {
    List<ResourceState> toApply = new ArrayList<>();
    for (PlanItem item : step.of(PlanItem.Role.APPLY)) {
      ResourceState s = in.states().get(item.key());
      if (s != null) toApply.add(s);
    }
    if (!toApply.isEmpty()) {
      SyncResult r = syncer.apply(in.app().ref(), toApply, in.namespaces(), options(in));
      applied.putAll(r.applied());
      actions.addAll(r.actions());
      for (ApplyAction a : r.actions()) {
        // a step applied again after waiting (for a CRD, say) keeps what its first pass did
        if (a.action() == ApplyAction.Action.Unchanged && OperationResults.find(op, a.key(), null).isPresent()) continue;
        ResourceState s = in.states().get(a.key());
        OperationResults.record(op, a.key(), s == null ? "v1" : s.desired().version(), null, step.wave(),
            a.action().code(), a.recordedMessage(), now());
      }
      if (r.status() == SyncResult.Status.WAITING) return new StepVerdict.Waiting(r.message());
      if (r.status() == SyncResult.Status.FAILED) return new StepVerdict.Failed(r.message());
    }
    if (step.hasHooks() && !in.namespaces().isEmpty()) {
      // a PreSync hook may run before any object, in a namespace CreateNamespace=true promises
      actions.addAll(syncer.ensureNamespaces(in.app().ref(), in.namespaces(), List.copyOf(in.states().values())));
    }
    for (PlanItem item : step.of(PlanItem.Role.HOOK)) {
      Manifest hook = in.hooks().get(item.key());
      if (hook == null) continue;
      if (OperationResults.find(op, item.key(), item.phase()).isPresent()) continue; // started earlier
      if (hooks.start(hook, op.id) == HookRunner.Start.CLEARING) {
        return new StepVerdict.Waiting("deleting the previous instance of hook " + item.key());
      }
    }
    for (PlanItem item : step.of(PlanItem.Role.HOOK)) {
      Manifest hook = in.hooks().get(item.key());
      if (hook == null || OperationResults.find(op, item.key(), item.phase()).isPresent()) continue;
      OperationResults.record(op, item.key(), hook.version(), item.phase(), step.wave(), ResultCode.Running, "created", now());
      actions.add(new ApplyAction(item.key(), ApplyAction.Action.Created, "hook " + item.phase()));
    }
    for (PlanItem item : step.of(PlanItem.Role.PRUNE)) {
      Pruner.Stale stale = in.stale().get(item.key());
      if (stale == null) continue;
      if (!in.hintsOf(item.key()).options().prune()) {
        OperationResults.record(op, item.key(), ResourceKey.versionOf(stale.apiVersion()), null, step.wave(),
            ResultCode.PruneSkipped, "Prune=false", now());
        actions.add(new ApplyAction(item.key(), ApplyAction.Action.PruneSkipped, "Prune=false"));
        continue;
      }
      pruner.delete(in.app().ref(), stale, in.app().propagation());
      OperationResults.record(op, item.key(), ResourceKey.versionOf(stale.apiVersion()), null, step.wave(),
          ResultCode.Pruned, "pruned", now());
      actions.add(new ApplyAction(item.key(), ApplyAction.Action.Pruned, ""));
    }
    return StepVerdict.DONE;
  }

  private StepVerdict dryRun(OperationState op, OperationInput in, SyncStep step, List<ApplyAction> actions) {
    List<String> rejected = new ArrayList<>();
    for (PlanItem item : step.items()) {
      switch (item.role()) {
        case APPLY -> {
          ResourceState s = in.states().get(item.key());
          if (s == null) continue;
          String outcome = s.sync().needsApply() ? (s.live() == null ? "would create" : "would configure") : "unchanged";
          try {
            if (s.sync().needsApply()) resources.dryRun(s.desired().body(), item.key());
            OperationResults.record(op, item.key(), s.desired().version(), null, step.wave(), ResultCode.Synced,
                outcome + " (dry run)", now());
          } catch (KubeException e) {
            rejected.add(item.key() + ": " + e.getMessage());
            OperationResults.record(op, item.key(), s.desired().version(), null, step.wave(), ResultCode.Failed, e.getMessage(), now());
          }
        }
        case HOOK -> {
          Manifest hook = in.hooks().get(item.key());
          if (hook == null) continue;
          try {
            hooks.validate(hook);
            OperationResults.record(op, item.key(), hook.version(), item.phase(), step.wave(), ResultCode.Succeeded,
                "would run (dry run)", now());
          } catch (KubeException e) {
            rejected.add(item.key() + ": " + e.getMessage());
            OperationResults.record(op, item.key(), hook.version(), item.phase(), step.wave(), ResultCode.Failed, e.getMessage(), now());
          }
        }
        case PRUNE -> {
          Pruner.Stale stale = in.stale().get(item.key());
          if (stale == null) continue;
          boolean prune = in.hintsOf(item.key()).options().prune();
          OperationResults.record(op, item.key(), ResourceKey.versionOf(stale.apiVersion()), null, step.wave(),
              prune ? ResultCode.Pruned : ResultCode.PruneSkipped, prune ? "would prune (dry run)" : "Prune=false", now());
        }
      }
    }
    return rejected.isEmpty() ? StepVerdict.DONE : new StepVerdict.Failed(String.join("; ", rejected));
  }

  // ---- awaiting a step ----

  private StepVerdict await(OperationState op, OperationInput in, SyncStep step,
      Map<String, Map<String, Object>> applied) throws KubeException {
    List<String> waiting = new ArrayList<>();
    for (PlanItem item : step.of(PlanItem.Role.APPLY)) {
      ResourceState s = in.states().get(item.key());
      if (s == null) continue;
      Map<String, Object> live = applied.get(item.key().inventoryId());
      if (live == null) live = resources.get(s.desired().apiVersion(), item.key());
      Health h = in.health().assess(live);
      if (h.status() == HealthStatus.Healthy || h.status() == HealthStatus.Suspended) continue;
      if (h.status() == HealthStatus.Degraded) {
        return new StepVerdict.Failed(item.key() + " is Degraded" + (h.message().isEmpty() ? "" : ": " + h.message()));
      }
      waiting.add(item.key() + " (" + h + ")");
    }
    String failed = null;
    for (PlanItem item : step.of(PlanItem.Role.HOOK)) {
      Manifest hook = in.hooks().get(item.key());
      if (hook == null) continue;
      var result = OperationResults.find(op, item.key(), item.phase());
      ResultCode recorded = result.map(OperationResults::codeOf).orElse(null);
      if (recorded != null && recorded != ResultCode.Running) {
        if (recorded == ResultCode.Failed && failed == null) failed = hookFailure(item, result.get().message);
        continue;
      }
      HookRunner.State st = hooks.state(hook, op.id, in.health());
      switch (st.completion()) {
        case RUNNING -> waiting.add("hook " + item.key() + " (" + st.message() + ")");
        case SUCCEEDED -> {
          OperationResults.record(op, item.key(), hook.version(), item.phase(), step.wave(), ResultCode.Succeeded, "completed", now());
          hooks.cleanUp(hook, in.hintsOf(item.key()).effectiveDeletePolicies(), true);
        }
        case FAILED -> {
          OperationResults.record(op, item.key(), hook.version(), item.phase(), step.wave(), ResultCode.Failed, st.message(), now());
          hooks.cleanUp(hook, in.hintsOf(item.key()).effectiveDeletePolicies(), false);
          if (failed == null) failed = hookFailure(item, st.message());
        }
      }
    }
    if (failed != null) return new StepVerdict.Failed(failed);
    if (!waiting.isEmpty()) {
      return new StepVerdict.Waiting("waiting for " + describe(step) + ": " + String.join(", ", waiting));
    }
    return StepVerdict.DONE;
  }

  private static String hookFailure(PlanItem item, String message) {
    return item.phase() + " hook " + item.key() + " failed" + (message == null || message.isBlank() ? "" : ": " + message);
  }

  private static Syncer.Options options(OperationInput in) {
    Map<ResourceKey, dev.keelson.core.sync.ObjectSyncOptions> perObject = new LinkedHashMap<>();
    in.hints().forEach((k, h) -> perObject.put(k, h.options()));
    return new Syncer.Options(in.app().replace(), in.app().validate(), in.app().failOnSharedResource(), perObject);
  }

  static String describe(SyncStep step) {
    return step.phase() == SyncPhase.Sync
        ? (step.wave() == dev.keelson.core.sync.SyncPlan.PRUNE_LAST_WAVE ? "the final prune" : "wave " + step.wave())
        : step.phase() + " wave " + step.wave();
  }

  private static String summary(OperationState op) {
    long synced = OperationResults.count(op, ResultCode.Synced);
    long pruned = OperationResults.count(op, ResultCode.Pruned);
    long hooksRun = OperationResults.count(op, ResultCode.Succeeded);
    return "successfully synced: " + synced + " object(s), " + pruned + " pruned, " + hooksRun + " hook(s) completed";
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
