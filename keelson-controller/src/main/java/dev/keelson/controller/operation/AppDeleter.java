package dev.keelson.controller.operation;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.AppEngine;
import dev.keelson.controller.engine.DesiredState;
import dev.keelson.controller.engine.DesiredStateBuilder;
import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.Pruner;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.sync.GeneratedName;
import dev.keelson.core.sync.SyncAnnotations;
import dev.keelson.core.sync.SyncHints;
import dev.keelson.core.sync.SyncPhase;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.ClusterObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Cascading deletion of an Application carrying {@code keelson.dev/resources-finalizer}, one step
 * per call so the reconcile loop never blocks: first its PreDelete hooks run (Helm's {@code
 * pre-delete}; a failing one keeps everything in place, as a failing pre-delete hook stops {@code
 * helm uninstall}); then its objects are deleted wave by wave, highest wave first, each wave only
 * once the one above it is gone (with the app's PrunePropagationPolicy; Delete=false objects are
 * left in place); then its PostDelete hooks run, as in Argo CD. Only objects still carrying this
 * app's tracking mark are ever deleted.
 */
public final class AppDeleter {
  private final Pruner pruner;
  private final ClusterObjects resources;
  private final DesiredStateBuilder desired;
  private final HookRunner hooks;

  public AppDeleter(Pruner pruner, ClusterObjects resources, DesiredStateBuilder desired) {
    this.pruner = pruner;
    this.resources = resources;
    this.desired = desired;
    this.hooks = new HookRunner(resources);
  }

  /**
   * Where the deletion stands: done (the finalizer may go), or what it waits for.
   *
   * @param preDeleteCompleted the PreDelete hooks have all succeeded now: the caller records it
   *     on the Application, so that they are not looked for again once the objects go
   */
  public record Step(boolean done, String message, boolean preDeleteCompleted) {
    public Step(boolean done, String message) {
      this(done, message, false);
    }
  }

  /** What an app being deleted has been through already. */
  public record Progress(String uid, boolean preDeleteCompleted) {}

  /** @param progress the Application's uid (names this deletion's hook runs) and what is done */
  public Step step(AppSettings app, ApplicationStatus status, Progress progress, HealthAssessor health)
      throws ReconcileFailure {
    // the hooks of the revision in force: the pinned one while a rollback holds
    AppSettings at = (status != null && status.pinned != null && status.pinned.revision != null
        ? app.atRevision(status.pinned.revision) : app).asHelmUpgrade(AppEngine.installed(status));
    if (!progress.preDeleteCompleted()) {
      Step pre = deletionHooks(at, "predelete-" + progress.uid(), health, SyncPhase.PreDelete);
      if (!pre.done()) return pre;
      return new Step(false, pre.message(), true);
    }
    var inventory = AppEngine.inventoryOf(status);
    List<Pruner.Stale> ours = pruner.ours(app.ref(), inventory.entries());
    TreeMap<Integer, List<Pruner.Stale>> byWave = new TreeMap<>();
    for (Pruner.Stale s : ours) {
      if (!s.hints().options().delete()) continue;
      byWave.computeIfAbsent(s.hints().wave(), w -> new ArrayList<>()).add(s);
    }
    if (!byWave.isEmpty()) {
      var highest = byWave.lastEntry();
      List<String> waiting = new ArrayList<>();
      for (Pruner.Stale s : highest.getValue()) {
        try {
          resources.delete(s.apiVersion(), s.key(), app.propagation());
          waiting.add(s.key().toString());
        } catch (KubeException e) {
          if (e.isTransient()) throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage());
          waiting.add(s.key() + " (" + e.getMessage() + ")");
        }
      }
      return new Step(false, "deleting wave " + highest.getKey() + ": " + String.join(", ", waiting));
    }
    return deletionHooks(at, "delete-" + progress.uid(), health, SyncPhase.PostDelete);
  }

  /**
   * Runs the hooks of one deletion phase to completion; done once all have completed. The last
   * PostDelete step also removes the instances earlier syncs kept, which go with the app.
   */
  private Step deletionHooks(AppSettings app, String runId, HealthAssessor health, SyncPhase phase) {
    boolean last = phase == SyncPhase.PostDelete;
    DesiredState state;
    try {
      state = desired.build(app, false);
    } catch (ReconcileFailure e) {
      // The source is gone or broken: the hooks cannot be known, and deletion must not hang on it.
      return new Step(true, phase + " hooks not run: " + e.getMessage());
    }
    if (!last) {
      // a fixed revision runs its PreDelete hooks afresh instead of finding the failed instances
      runId = runId + "-" + state.digest().substring(0, Math.min(10, state.digest().length()));
    }
    List<String> running = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<Manifest> succeeded = new ArrayList<>();
    try {
      for (Manifest rendered : state.objects()) {
        SyncHints h = SyncAnnotations.parse(rendered.body());
        if (!h.hookPhases().contains(phase)) {
          // instances kept by earlier syncs go with the app
          if (last && h.isHook()) hooks.removeInstances(rendered, app.ref());
          continue;
        }
        Manifest m = GeneratedName.instance(rendered, app.ref(), runId);
        if (hooks.start(m, runId) == HookRunner.Start.CLEARING) {
          running.add(m.key() + " (clearing an earlier instance)");
          continue;
        }
        HookRunner.State st = hooks.state(m, runId, health);
        switch (st.completion()) {
          case RUNNING -> running.add(m.key().toString());
          case SUCCEEDED -> succeeded.add(m);
          case FAILED -> {
            failed.add(m.key() + ": " + st.message());
            hooks.cleanUp(m, h.effectiveDeletePolicies(), false);
          }
        }
      }
      if (!running.isEmpty()) return new Step(false, "waiting for " + phase + " hooks: " + String.join(", ", running));
      if (!failed.isEmpty() && !last) {
        return new Step(false, phase + " hooks failed, nothing is deleted until they succeed: " + String.join("; ", failed));
      }
      // Completed hooks go only once all have completed: one removed earlier would be created anew.
      if (last) {
        for (Manifest m : succeeded) hooks.remove(m);
      }
    } catch (KubeException e) {
      // the API server refusing a hook (e.g. its namespace went with the app) will not change by
      // waiting: the deletion goes on without it rather than hanging forever
      if (!e.isTransient()) return new Step(true, phase + " hooks not run: " + e.getMessage());
      return new Step(false, phase + " hooks: " + e.getMessage());
    }
    if (!failed.isEmpty()) return new Step(true, phase + " hooks failed: " + String.join("; ", failed));
    return new Step(true, last ? "deleted" : phase + " hooks completed");
  }
}
