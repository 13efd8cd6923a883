package dev.keelson.controller.runtime;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.controller.notify.NotifyEvent;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.AppEngine;
import dev.keelson.controller.fleet.ClusterEngine;
import dev.keelson.controller.fleet.Clusters;
import dev.keelson.controller.fleet.Identity;
import dev.keelson.controller.project.Projects;
import dev.keelson.controller.engine.Orchestration;
import dev.keelson.controller.engine.Request;
import dev.keelson.controller.operation.AppDeleter;
import dev.keelson.controller.engine.ApplyAction;
import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.Outcome;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.engine.StatusBuilder;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.core.tracking.AppRef;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK entry point for Applications: reads the spec, runs the {@link AppEngine}, records
 * events and metrics, writes the status only when it changed, and schedules the next look.
 */
@ControllerConfiguration(
    name = "application",
    generationAwareEventProcessing = false,
    // the reconciler keeps its own finalizer (keelson.dev/resources-finalizer, set by users, as
    // Argo CD's is): it must see deletions of apps with and without it
    triggerReconcilerOnAllEvents = true,
    informer = @Informer(onUpdateFilter = SpecOrRequestChanged.class))
public final class ApplicationReconciler implements Reconciler<Application> {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationReconciler.class);
  private static final Duration PROGRESS_RECHECK = Duration.ofSeconds(10);
  private static final Duration BACKOFF_MIN = Duration.ofSeconds(2);
  /** How soon an app held by another live replica is looked at again: it is being let go. */
  private static final Duration SHARD_RECHECK = Duration.ofSeconds(1);
  /** How soon a running operation looks again when no watch event comes first. */
  private static final Duration OPERATION_RECHECK = Duration.ofSeconds(2);
  public static final String RESOURCES_FINALIZER = "keelson.dev/resources-finalizer";

  private final Clusters clusters;
  private final Projects projects;
  private final StatusBuilder statusBuilder;
  private final EventRecorder events;
  private final Metrics metrics;
  private final DriftEventSource driftEvents;
  private final Map<AppRef, Integer> failures = new ConcurrentHashMap<>();
  private final StatusStore statuses;

  private final java.util.function.Consumer<AppRef> forgetApp;
  private final java.util.function.BooleanSupplier stopping;
  /** Null when the controller is not sharded: it reconciles every app it sees. */
  private final ShardGate shards;

  /**
   * @param forgetApp drops what else (metrics) remembers of a deleted app
   * @param stopping true once the controller is being stopped: from then on nothing is recorded
   */
  public ApplicationReconciler(Clusters clusters, Projects projects, StatusBuilder statusBuilder, StatusStore statuses, EventRecorder events,
      Metrics metrics, DriftEventSource driftEvents, java.util.function.Consumer<AppRef> forgetApp,
      java.util.function.BooleanSupplier stopping, dev.keelson.controller.shard.Shards shards) {
    this.stopping = stopping;
    this.shards = shards == null ? null : new ShardGate(shards, statuses, this::forget);
    this.statuses = statuses;
    this.forgetApp = forgetApp;
    this.clusters = clusters;
    this.projects = projects;
    this.statusBuilder = statusBuilder;
    this.events = events;
    this.metrics = metrics;
    this.driftEvents = driftEvents;
  }

  @Override
  public List<EventSource<?, Application>> prepareEventSources(EventSourceContext<Application> context) {
    return List.of(driftEvents);
  }

  @Override
  public UpdateControl<Application> reconcile(Application app, Context<Application> context) {
    long started = System.nanoTime();
    AppRef ref = new AppRef(app.getMetadata().getNamespace(), app.getMetadata().getName());
    if (context.isPrimaryResourceDeleted()) {
      forget(ref);
      return UpdateControl.noUpdate();
    }
    if (shards != null) {
      shards.attach(context.getPrimaryCache(), driftEvents::trigger);
      switch (shards.admit(ref, app)) {
        case LEAVE:
          return UpdateControl.noUpdate();
        case LOOK_AGAIN_SOON:
          return UpdateControl.<Application>noUpdate().rescheduleAfter(SHARD_RECHECK);
        default:
          break;
      }
    }
    if (app.isMarkedForDeletion()) return delete(app, ref, context);
    ApplicationStatus old = latestStatus(ref, app);
    Request request = RequestReader.read(app, old);

    AppSettings settings;
    Outcome outcome;
    Duration interval = AppSettings.DEFAULT_INTERVAL;
    try {
      settings = AppSettings.of(app);
      interval = settings.interval();
      var deps = new AppDependencies(app, settings.policy().dependsOn(), context.getPrimaryCache());
      // the project is checked before the destination is even connected to
      Projects.Placement placed = projects.place(settings, clusters.identify(settings.cluster()));
      AppEngine engine = clusters.forApp(ref, settings.cluster(), placed.identity()).engine();
      outcome = engine.reconcile(placed.settings(), old, request, deps);
    } catch (IllegalArgumentException e) {
      outcome = Outcome.failed(new ReconcileFailure(FailureReason.InvalidSpec, e.getMessage()),
          Orchestration.answering(old, request));
    } catch (ReconcileFailure e) {
      // the destination cluster is unknown or does not answer: the last state stays as it is
      outcome = Outcome.failed(e, Orchestration.answering(old, request));
    }

    if (stopping.getAsBoolean() || (shards != null && !shards.acting())) {
      // JOSDK interrupts reconciles in flight when it stops (no termination timeout): a step cut
      // short that way is no failure of the operation, and must not be written as one. The next
      // controller (or leader) takes the operation up from its last written state.
      LOG.debug("{}: controller stopping; outcome not recorded", ref);
      return UpdateControl.noUpdate();
    }
    ApplicationStatus next = statusBuilder.build(old, generationOf(app), outcome, null);
    next.controller = shards == null ? null : shards.self();
    record(app, old, next, outcome);
    metrics.appState(ref, next.sync == null ? null : next.sync.status, next.health == null ? null : next.health.status);
    metrics.reconciled(outcome.failure() == null ? "success" : "failure", Duration.ofNanos(System.nanoTime() - started));

    Duration after = nextCheck(ref, outcome, interval);
    try {
      statuses.write(ref, app, old, next);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) throw e;
      // deleted while this reconcile ran: what it registered (its cluster's hold) goes with it
      forget(ref);
      return UpdateControl.noUpdate();
    }
    return UpdateControl.<Application>noUpdate().rescheduleAfter(after);
  }

  /**
   * An app being deleted: without the resources finalizer its objects are orphaned (nothing to
   * do); with it they are deleted step by step, and the finalizer is removed once all are gone.
   */
  private UpdateControl<Application> delete(Application app, AppRef ref, Context<Application> context) {
    var finalizers = app.getMetadata().getFinalizers();
    if (finalizers == null || !finalizers.contains(RESOURCES_FINALIZER)) {
      forget(ref);
      return UpdateControl.noUpdate();
    }
    List<String> dependents = AppDependencies.dependents(app, context.getPrimaryCache());
    AppDeleter.Step step;
    if (!dependents.isEmpty()) {
      step = new AppDeleter.Step(false, "waiting for dependent applications to be deleted first: " + dependents);
    } else {
      try {
        AppSettings settings = AppSettings.of(app);
        String uid = app.getMetadata().getUid();
        boolean preDeleteDone = uid.equals(annotation(app, Annotations.PRE_DELETE_COMPLETED));
        Identity as = projects.identityForDeletion(settings, clusters.identify(settings.cluster()));
        ClusterEngine cluster = clusters.forApp(ref, settings.cluster(), as);
        step = cluster.deleter().step(settings, latestStatus(ref, app), new AppDeleter.Progress(uid, preDeleteDone),
            cluster.engine().assessorFor(settings));
        if (step.preDeleteCompleted()) {
          context.getClient().resources(Application.class).inNamespace(ref.namespace()).withName(ref.name())
              .edit(a -> {
                if (a.getMetadata().getAnnotations() == null) a.getMetadata().setAnnotations(new java.util.HashMap<>());
                a.getMetadata().getAnnotations().put(Annotations.PRE_DELETE_COMPLETED, uid);
                return a;
              });
        }
      } catch (IllegalArgumentException e) {
        step = new AppDeleter.Step(true, "objects left in place: " + e.getMessage());
      } catch (ReconcileFailure e) {
        step = new AppDeleter.Step(false, e.getMessage());
      }
    }
    if (!step.done()) {
      LOG.debug("{}: {}", ref, step.message());
      ApplicationStatus old = latestStatus(ref, app);
      ApplicationStatus next = statusBuilder.deleting(old, generationOf(app), step.message());
      next.controller = shards == null ? null : shards.self();
      statuses.write(ref, app, old, next);
      return UpdateControl.<Application>noUpdate().rescheduleAfter(OPERATION_RECHECK);
    }
    events.normal(app, "Deleted", "resources deleted: " + step.message());
    context.getClient().resources(Application.class).inNamespace(ref.namespace()).withName(ref.name())
        .edit(a -> {
          if (a.getMetadata().getFinalizers() != null) a.getMetadata().getFinalizers().remove(RESOURCES_FINALIZER);
          return a;
        });
    forget(ref);
    return UpdateControl.noUpdate();
  }

  private static String annotation(Application app, String key) {
    var annotations = app.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private void forget(AppRef ref) {
    if (shards != null) shards.forgotten(ref);
    statuses.forget(ref);
    failures.remove(ref);
    clusters.forget(ref);
    projects.forget(ref);
    forgetApp.accept(ref);
  }

  /** After a failed reconcile the remembered status is not trusted: the next one reads it anew. */
  @Override
  public ErrorStatusUpdateControl<Application> updateErrorStatus(Application app, Context<Application> context, Exception e) {
    statuses.distrust(new AppRef(app.getMetadata().getNamespace(), app.getMetadata().getName()), app.getMetadata().getUid());
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  private ApplicationStatus latestStatus(AppRef ref, Application app) {
    return statuses.latest(ref, app);
  }

  /**
   * Tells what this reconcile did, as Events and (through the recorder's tap) notifications: the
   * orchestration's events, the sync's outcome with the commit status it sets, health turning
   * Degraded or back, a failure when it is new.
   */
  private void record(Application app, ApplicationStatus old, ApplicationStatus next, Outcome o) {
    String revision = o.desired() != null ? o.desired().revision()
        : next.sync != null ? next.sync.revision : null;
    NotifyEvent.Detail plain = NotifyEvent.Detail.revision(revision);
    if (o.orchestration() != null) {
      OperationState op = o.orchestration().operation();
      boolean startedNow = op != null && op.id != null && !Boolean.TRUE.equals(op.dryRun)
          && (old == null || old.operationState == null || !op.id.equals(old.operationState.id));
      boolean toldStarted = o.orchestration().events().stream().anyMatch(e -> OPERATION_STARTED.equals(e.reason()));
      if (startedNow && !toldStarted) {
        // ended in the reconcile that started it: one Event (its outcome), but the commit goes pending first
        events.announce(app, false, OPERATION_STARTED, op.trigger + " sync of revision " + op.revision
            + " started by " + op.initiatedBy, commit(app, op.revision, NotifyEvent.CommitState.pending));
      }
      for (Orchestration.Event e : o.orchestration().events()) {
        NotifyEvent.Detail d = OPERATION_STARTED.equals(e.reason()) && op != null
            ? commit(app, op.revision, NotifyEvent.CommitState.pending) : plain;
        if (e.warning()) events.warning(app, e.reason(), e.message(), d);
        else events.normal(app, e.reason(), e.message(), d);
      }
    }
    if (o.sync() != null) {
      metrics.synced(o.sync().succeeded());
      String rev = o.desired().revision();
      if (o.sync().succeeded()) {
        events.normal(app, "Synced", "revision " + rev + ": " + o.sync().summary(),
            commit(app, rev, NotifyEvent.CommitState.success));
      } else {
        events.warning(app, "SyncFailed", "revision " + rev + ": " + o.sync().message(),
            commit(app, rev, NotifyEvent.CommitState.failure));
      }
      long pruned = o.sync().count(ApplyAction.Action.Pruned);
      if (pruned > 0) {
        events.normal(app, "Pruned", pruned + " object(s) pruned: " + o.sync().actions().stream()
            .filter(a -> a.action() == ApplyAction.Action.Pruned).map(a -> a.key().toString()).toList(), plain);
      }
    }
    recordHealth(app, old, next, plain);
    if (o.failure() != null && changedFailure(old, o)) {
      events.warning(app, o.failure().reason().name(), o.failure().getMessage(), plain);
      LOG.warn("{}/{}: {}", app.getMetadata().getNamespace(), app.getMetadata().getName(), o.failure().getMessage());
    }
  }

  private static final String OPERATION_STARTED = "OperationStarted";

  /** Health turning Degraded, and back to Healthy from Degraded. */
  private void recordHealth(Application app, ApplicationStatus old, ApplicationStatus next, NotifyEvent.Detail detail) {
    String before = old == null || old.health == null ? null : old.health.status;
    String after = next.health == null ? null : next.health.status;
    String degraded = HealthStatus.Degraded.name();
    if (degraded.equals(after) && !degraded.equals(before)) {
      String why = next.health.message == null ? "" : ": " + next.health.message;
      events.warning(app, "HealthDegraded", "health degraded" + why, detail);
    } else if (degraded.equals(before) && HealthStatus.Healthy.name().equals(after)) {
      events.normal(app, "HealthRecovered", "health recovered from Degraded to Healthy", detail);
    }
  }

  /** The commit status a sync sets: on the commit it applied, in the app's source repository. */
  private static NotifyEvent.Detail commit(Application app, String sha, NotifyEvent.CommitState state) {
    String repoURL = app.getSpec() == null || app.getSpec().source == null ? null : app.getSpec().source.repoURL;
    return new NotifyEvent.Detail(sha, repoURL == null || sha == null ? null
        : new NotifyEvent.Commit(repoURL, sha, state), java.util.Map.of());
  }

  /** An event for a failure only when the Ready condition's message changes: no event storms. */
  private static boolean changedFailure(ApplicationStatus old, Outcome o) {
    if (old == null || old.conditions == null) return true;
    return old.conditions.stream()
        .filter(c -> StatusBuilder.READY.equals(c.getType()))
        .noneMatch(c -> o.failure().getMessage().equals(c.getMessage()));
  }

  private Duration nextCheck(AppRef ref, Outcome o, Duration interval) {
    Orchestration orch = o.orchestration();
    if (orch != null && orch.running()) return OPERATION_RECHECK;
    Duration byDecision = null;
    if (orch != null && orch.nextLook() != null) {
      byDecision = Duration.between(java.time.Instant.now(), orch.nextLook());
      if (byDecision.isNegative()) byDecision = Duration.ofSeconds(1);
    }
    Duration regular = regularCheck(ref, o, interval);
    return byDecision != null && byDecision.compareTo(regular) < 0 ? byDecision.plusMillis(200) : regular;
  }

  private Duration regularCheck(AppRef ref, Outcome o, Duration interval) {
    boolean failedSync = o.sync() != null && !o.sync().succeeded();
    if ((o.failure() != null && o.failure().isTransient()) || failedSync) {
      int n = failures.merge(ref, 1, Integer::sum);
      long seconds = Math.min(BACKOFF_MIN.toSeconds() << Math.min(n - 1, 10), interval.toSeconds());
      return Duration.ofSeconds(Math.max(seconds, 1));
    }
    failures.remove(ref);
    if (o.appHealth() != null && o.appHealth().status() == HealthStatus.Progressing) {
      return PROGRESS_RECHECK.compareTo(interval) < 0 ? PROGRESS_RECHECK : interval;
    }
    // jitter spreads apps created together over the interval
    long jitterMs = (long) (interval.toMillis() * 0.05 * ThreadLocalRandom.current().nextDouble());
    return interval.plusMillis(jitterMs);
  }


  private static long generationOf(Application app) {
    Long g = app.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }
}
