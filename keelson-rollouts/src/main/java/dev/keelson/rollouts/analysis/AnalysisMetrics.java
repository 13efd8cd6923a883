package dev.keelson.rollouts.analysis;

import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.Measurement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Analysis measurements as Micrometer meters, in the registry the controller serves on
 * /metrics. {@code analysis_run_metric_phase} is Argo Rollouts' (1 for a metric's current phase,
 * 0 for the others); Keelson adds {@code keelson_analysis_measurements_total} by phase and
 * {@code keelson_analysis_measurement_value}, the last numeric value (a list's first element, as
 * {@code result[0]}). Tags are the run's {@code namespace} and {@code name} and the {@code metric}.
 */
public final class AnalysisMetrics {
  private static final List<MeasurementPhase> PHASES = List.of(MeasurementPhase.values());
  private final MeterRegistry registry;
  private final Map<Tags, double[]> values = new ConcurrentHashMap<>();
  private final Map<Tags, MeasurementPhase[]> phases = new ConcurrentHashMap<>();

  public AnalysisMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Meters nobody reads, for a reconciler started without the controller's registry. */
  public static AnalysisMetrics none() {
    return new AnalysisMetrics(new SimpleMeterRegistry());
  }

  void measured(AnalysisRun run, String metric, Measurement m, Object value) {
    Tags tags = tags(run, metric);
    Counter.builder("keelson_analysis_measurements_total").description("Analysis measurements taken, by phase")
        .tags(tags).tag("phase", m.phase).register(registry).increment();
    Double number = number(value);
    if (number == null) return;
    values.computeIfAbsent(tags, t -> {
      double[] holder = {Double.NaN};
      Gauge.builder("keelson_analysis_measurement_value", holder, h -> h[0])
          .description("The last numeric value an analysis metric measured").tags(t).register(registry);
      return holder;
    })[0] = number;
  }

  void phase(AnalysisRun run, String metric, MeasurementPhase phase) {
    Tags tags = tags(run, metric);
    phases.computeIfAbsent(tags, t -> {
      MeasurementPhase[] holder = {MeasurementPhase.Running};
      for (MeasurementPhase p : PHASES) {
        Gauge.builder("analysis_run_metric_phase", holder, h -> h[0] == p ? 1 : 0)
            .description("1 for the phase an analysis metric is in, 0 for the others")
            .tags(t).tag("phase", p.name()).register(registry);
      }
      return holder;
    })[0] = phase;
  }

  private static Tags tags(AnalysisRun run, String metric) {
    return Tags.of("namespace", String.valueOf(run.getMetadata().getNamespace()), "name", run.getMetadata().getName(),
        "metric", metric);
  }

  private static Double number(Object value) {
    if (value instanceof List<?> list && !list.isEmpty()) value = list.get(0);
    return value instanceof Number n ? n.doubleValue() : null;
  }
}
