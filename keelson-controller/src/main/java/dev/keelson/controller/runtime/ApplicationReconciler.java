package dev.keelson.controller.runtime;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.AppEngine;
import dev.keelson.controller.engine.ApplyAction;
import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.Outcome;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.engine.StatusWriter;
import dev.keelson.core.diff.JsonValues;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.kube.KubeObjects;
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
    informer = @Informer(onUpdateFilter = SpecOrRequestChanged.class))
public final class ApplicationReconciler implements Reconciler<Application> {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationReconciler.class);
  private static final Duration PROGRESS_RECHECK = Duration.ofSeconds(10);
  private static final Duration BACKOFF_MIN = Duration.ofSeconds(2);

  private final AppEngine engine;
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final Metrics metrics;
  private final DriftEventSource driftEvents;
  private final Map<AppRef, Integer> failures = new ConcurrentHashMap<>();
  private final Map<AppRef, Written> written = new ConcurrentHashMap<>();

  /**
   * The status this controller last wrote, by app. The controller is the only writer of status,
   * and the informer's copy can lag behind its own write by a moment: reconciling from a stale
   * copy would apply a revision twice or handle a sync request twice.
   */
  private record Written(String uid, ApplicationStatus status) {}

  public ApplicationReconciler(AppEngine engine, StatusWriter statusWriter, EventRecorder events,
      Metrics metrics, DriftEventSource driftEvents) {
    this.engine = engine;
    this.statusWriter = statusWriter;
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
    ApplicationStatus old = latestStatus(ref, app);
    String request = requestOf(app);
    boolean requested = request != null && (old == null || !request.equals(old.lastHandledSyncRequest));
    String requestedBy = requested ? requesterOf(app) : "automated";

    AppSettings settings;
    Outcome outcome;
    Duration interval = AppSettings.DEFAULT_INTERVAL;
    try {
      settings = AppSettings.of(app);
      interval = settings.interval();
      outcome = engine.reconcile(settings, old, new AppEngine.Request(requested, requestedBy));
    } catch (IllegalArgumentException e) {
      outcome = Outcome.failed(new ReconcileFailure(FailureReason.InvalidSpec, e.getMessage()));
    }

    ApplicationStatus next = statusWriter.write(old, generationOf(app), outcome, requested ? request : null);
    record(app, old, outcome);
    metrics.appState(ref, next.sync == null ? null : next.sync.status, next.health == null ? null : next.health.status);
    metrics.reconciled(outcome.failure() == null ? "success" : "failure", Duration.ofNanos(System.nanoTime() - started));

    Duration after = nextCheck(ref, outcome, interval);
    if (sameStatus(old, next)) {
      return UpdateControl.<Application>noUpdate().rescheduleAfter(after);
    }
    written.put(ref, new Written(app.getMetadata().getUid(), next));
    app.setStatus(next);
    return UpdateControl.patchStatus(app).rescheduleAfter(after);
  }

  /** A failed status write must not be remembered as written: the next attempt writes it again. */
  @Override
  public ErrorStatusUpdateControl<Application> updateErrorStatus(Application app, Context<Application> context, Exception e) {
    written.remove(new AppRef(app.getMetadata().getNamespace(), app.getMetadata().getName()));
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  private ApplicationStatus latestStatus(AppRef ref, Application app) {
    Written w = written.get(ref);
    if (w != null && w.uid().equals(app.getMetadata().getUid())) return w.status();
    return app.getStatus();
  }

  private void record(Application app, ApplicationStatus old, Outcome o) {
    if (o.sync() != null) {
      metrics.synced(o.sync().succeeded());
      String rev = o.desired().revision();
      if (o.sync().succeeded()) {
        events.normal(app, "Synced", "revision " + rev + ": " + o.sync().summary());
      } else {
        events.warning(app, "SyncFailed", "revision " + rev + ": " + o.sync().message());
      }
      long pruned = o.sync().count(ApplyAction.Action.Pruned);
      if (pruned > 0) {
        events.normal(app, "Pruned", pruned + " object(s) pruned: " + o.sync().actions().stream()
            .filter(a -> a.action() == ApplyAction.Action.Pruned).map(a -> a.key().toString()).toList());
      }
    }
    if (o.failure() != null && changedFailure(old, o)) {
      events.warning(app, o.failure().reason().name(), o.failure().getMessage());
      LOG.warn("{}/{}: {}", app.getMetadata().getNamespace(), app.getMetadata().getName(), o.failure().getMessage());
    }
  }

  /** An event for a failure only when the Ready condition's message changes: no event storms. */
  private static boolean changedFailure(ApplicationStatus old, Outcome o) {
    if (old == null || old.conditions == null) return true;
    return old.conditions.stream()
        .filter(c -> StatusWriter.READY.equals(c.getType()))
        .noneMatch(c -> o.failure().getMessage().equals(c.getMessage()));
  }

  private Duration nextCheck(AppRef ref, Outcome o, Duration interval) {
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

  private static boolean sameStatus(ApplicationStatus a, ApplicationStatus b) {
    if (a == null) return false;
    return JsonValues.semanticallyEqual(KubeObjects.toMap(a), KubeObjects.toMap(b));
  }

  private static long generationOf(Application app) {
    Long g = app.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  private static String requestOf(Application app) {
    var a = app.getMetadata().getAnnotations();
    return a == null ? null : a.get(Annotations.SYNC_REQUESTED_AT);
  }

  private static String requesterOf(Application app) {
    var a = app.getMetadata().getAnnotations();
    String by = a == null ? null : a.get(Annotations.SYNC_REQUESTED_BY);
    return by == null || by.isBlank() ? "manual" : by;
  }
}
