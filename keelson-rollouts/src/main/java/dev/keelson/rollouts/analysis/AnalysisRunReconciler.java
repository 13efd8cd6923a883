package dev.keelson.rollouts.analysis;

import dev.keelson.api.rollouts.v1alpha1.AnalysisMetric;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRunStatus;
import dev.keelson.api.rollouts.v1alpha1.Measurement;
import dev.keelson.api.rollouts.v1alpha1.MetricResult;
import dev.keelson.rollouts.canary.Durations;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes an AnalysisRun's measurements when they are due, keeps every one in status, and decides
 * each metric and the run by {@link MetricConditions} and {@link MetricLimits}. Providers today:
 * {@code web}, {@code prometheus}, {@code job}. A decided run is left alone; a
 * terminated one that is not decided yet is Successful ("Run Terminated"), as in Argo Rollouts.
 */
@ControllerConfiguration(name = "analysisrun", generationAwareEventProcessing = false)
public final class AnalysisRunReconciler implements Reconciler<AnalysisRun> {
  private final KubernetesClient client;
  private final Clock clock;
  private final WebProvider web = new WebProvider();
  private final PrometheusProvider prometheus = new PrometheusProvider();
  private final JobProvider jobs;
  private final AnalysisMetrics metrics;

  public AnalysisRunReconciler(KubernetesClient client, Clock clock) {
    this(client, clock, AnalysisMetrics.none());
  }

  public AnalysisRunReconciler(KubernetesClient client, Clock clock, AnalysisMetrics metrics) {
    this.client = client;
    this.clock = clock;
    this.jobs = new JobProvider(client);
    this.metrics = metrics;
  }

  static boolean decided(String phase) {
    return phase != null && !phase.equals(MeasurementPhase.Running.name()) && !phase.equals("Pending");
  }

  @Override
  public UpdateControl<AnalysisRun> reconcile(AnalysisRun run, Context<AnalysisRun> context) {
    AnalysisRunStatus status = run.getStatus() == null ? new AnalysisRunStatus() : run.getStatus();
    if (decided(status.phase)) return UpdateControl.noUpdate();
    Instant now = clock.instant();
    if (Boolean.TRUE.equals(run.getSpec().terminate)) {
      // stopped before it was decided (Argo Rollouts: a terminated run without failures is Successful)
      status.phase = MeasurementPhase.Successful.name();
      status.message = "Run Terminated";
      AnalysisRun copy = client.getKubernetesSerialization().clone(run);
      copy.setStatus(status);
      client.resource(copy).updateStatus();
      return UpdateControl.noUpdate();
    }
    if (status.startedAt == null) status.startedAt = now.toString();
    Instant started = Instant.parse(status.startedAt);
    Optional<Duration> recheck = Optional.empty();
    List<MeasurementPhase> metricPhases = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (AnalysisMetric metric : run.getSpec().metrics) {
      MetricResult result = status.metricResults.stream().filter(r -> metric.name.equals(r.name)).findFirst()
          .orElseGet(() -> {
            MetricResult r = new MetricResult();
            r.name = metric.name;
            status.metricResults.add(r);
            return r;
          });
      MeasurementPhase phase;
      try {
        phase = measureIfDue(run, metric, result, started, now);
      } catch (IllegalArgumentException e) {
        // a condition that does not compile, an unreadable duration: the run cannot pass
        phase = MeasurementPhase.Error;
        result.message = e.getMessage();
      }
      result.phase = phase.name();
      metrics.phase(run, metric.name, phase);
      metricPhases.add(phase);
      if (phase != MeasurementPhase.Running && phase != MeasurementPhase.Successful) {
        notes.add("metric " + metric.name + " " + phase + ": " + values(result));
      }
      if (phase == MeasurementPhase.Running) recheck = earliest(recheck, nextDue(metric, result, started, now));
    }
    MeasurementPhase runPhase = MetricLimits.run(metricPhases);
    status.phase = runPhase.name();
    status.message = notes.isEmpty() ? null : String.join("; ", notes);
    AnalysisRun copy = client.getKubernetesSerialization().clone(run);
    copy.setStatus(status);
    client.resource(copy).updateStatus();
    UpdateControl<AnalysisRun> control = UpdateControl.noUpdate();
    return runPhase == MeasurementPhase.Running ? control.rescheduleAfter(recheck.orElse(Duration.ofSeconds(1))) : control;
  }

  private MeasurementPhase measureIfDue(AnalysisRun run, AnalysisMetric metric, MetricResult result, Instant started,
      Instant now) {
    MetricLimits limits = limits(metric);
    List<MeasurementPhase> taken = phases(result);
    MeasurementPhase decided = limits.decide(taken);
    if (decided != MeasurementPhase.Running) return decided;
    if (nextDue(metric, result, started, now).isPresent()) return MeasurementPhase.Running;
    if (metric.provider != null && metric.provider.job != null) {
      // a Job's outcome is the measurement; no condition applies
      Optional<Measurement> finished = jobs.measure(run, metric, result.measurements.size(), now);
      if (finished.isEmpty()) return MeasurementPhase.Running;
      metrics.measured(run, metric.name, finished.get(), null);
      return added(result, finished.get(), limits);
    }
    MetricConditions conditions = MetricConditions.of(metric.successCondition, metric.failureCondition);
    Measurement m = new Measurement();
    m.startedAt = now.toString();
    Object value = null;
    try {
      value = measure(metric);
      m.value = client.getKubernetesSerialization().asJson(value);
      MetricConditions.Assessment a = conditions.assess(value);
      m.phase = a.phase().name();
      if (!a.message().isEmpty()) m.message = a.message();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring " + metric.name, e);
    } catch (Exception e) {
      m.phase = MeasurementPhase.Error.name();
      m.message = String.valueOf(e.getMessage());
    }
    m.finishedAt = clock.instant().toString();
    metrics.measured(run, metric.name, m, value);
    return added(result, m, limits);
  }

  private static MeasurementPhase added(MetricResult result, Measurement m, MetricLimits limits) {
    result.measurements.add(m);
    result.count = result.measurements.size();
    result.successful = count(result, MeasurementPhase.Successful);
    result.failed = count(result, MeasurementPhase.Failed);
    result.inconclusive = count(result, MeasurementPhase.Inconclusive);
    result.error = count(result, MeasurementPhase.Error);
    return limits.decide(phases(result));
  }

  private Object measure(AnalysisMetric metric) throws Exception {
    if (metric.provider != null && metric.provider.web != null) return web.measure(metric.provider.web);
    if (metric.provider != null && metric.provider.prometheus != null) return prometheus.measure(metric.provider.prometheus);
    throw new IllegalArgumentException("metric " + metric.name + ": a web or prometheus provider is expected");
  }

  /** Empty when a measurement is due now; else how long until it is. */
  private static Optional<Duration> nextDue(AnalysisMetric metric, MetricResult result, Instant started, Instant now) {
    Instant due;
    if (result.measurements.isEmpty()) {
      due = started.plus(metric.initialDelay == null ? Duration.ZERO : Durations.parse(metric.initialDelay));
    } else {
      if (metric.interval == null) return Optional.of(Duration.ofSeconds(1));
      due = Instant.parse(result.measurements.get(result.measurements.size() - 1).finishedAt)
          .plus(Durations.parse(metric.interval));
    }
    return now.isBefore(due) ? Optional.of(Duration.between(now, due)) : Optional.empty();
  }

  static MetricLimits limits(AnalysisMetric metric) {
    Optional<Integer> count = Optional.ofNullable(intOf(metric.count)).filter(c -> c > 0);
    if (count.isEmpty() && metric.interval == null) count = Optional.of(1);
    Integer errors = intOf(metric.consecutiveErrorLimit);
    return new MetricLimits(count, orZero(intOf(metric.failureLimit)), orZero(intOf(metric.inconclusiveLimit)),
        errors == null ? MetricLimits.DEFAULT_CONSECUTIVE_ERROR_LIMIT : errors);
  }

  private static Integer intOf(IntOrString v) {
    if (v == null) return null;
    return v.getIntVal() != null ? v.getIntVal() : Integer.valueOf(v.getStrVal());
  }

  private static int orZero(Integer v) {
    return v == null ? 0 : v;
  }

  private static List<MeasurementPhase> phases(MetricResult result) {
    return result.measurements.stream().map(m -> MeasurementPhase.valueOf(m.phase)).toList();
  }

  private static int count(MetricResult result, MeasurementPhase phase) {
    return (int) result.measurements.stream().filter(m -> phase.name().equals(m.phase)).count();
  }

  private static String values(MetricResult result) {
    List<String> v = result.measurements.stream().map(m -> m.value == null ? "(" + m.message + ")" : m.value).toList();
    return result.message != null && v.isEmpty() ? result.message : "values " + String.join(", ", v);
  }

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return a.get().compareTo(b.get()) <= 0 ? a : b;
  }
}
