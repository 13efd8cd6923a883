package dev.keelson.controller.runtime;

import dev.keelson.core.sync.OperationPhase;
import dev.keelson.core.tracking.AppRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Prometheus metrics of the controller, named after Argo CD's and Flux's where they overlap. */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<AppRef, String[]> appStates = new ConcurrentHashMap<>();

  public Metrics() {
    for (String sync : new String[] {"Synced", "OutOfSync", "Unknown"}) {
      Gauge.builder("keelson_apps", appStates, m -> m.values().stream().filter(v -> v[0].equals(sync)).count())
          .description("Applications by sync status")
          .tag("sync_status", sync)
          .register(registry);
    }
  }

  public void reconciled(String result, Duration took) {
    Counter.builder("keelson_reconcile_total").tag("result", result)
        .description("Reconciles of Applications").register(registry).increment();
    Timer.builder("keelson_reconcile_duration_seconds").description("Duration of one reconcile")
        .register(registry).record(took);
  }

  public void synced(boolean succeeded) {
    Counter.builder("keelson_sync_total").tag("phase", (succeeded ? OperationPhase.Succeeded : OperationPhase.Failed).name())
        .description("Sync operations").register(registry).increment();
  }

  /**
   * A notification's fate per Provider type: {@code delivered}, {@code retried} (an attempt failed
   * and is tried again), {@code failed} (given up or dropped), {@code deduplicated} (published again within the window).
   */
  public void notified(String type, String result) {
    Counter.builder("keelson_notifications_total").tag("type", type).tag("result", result)
        .description("Notifications by Provider type and result").register(registry).increment();
  }

  public void appState(AppRef app, String sync, String health) {
    appStates.put(app, new String[] {sync == null ? "Unknown" : sync, health == null ? "Unknown" : health});
  }

  /** A deleted app no longer counts. */
  public void forget(AppRef app) {
    appStates.remove(app);
  }

  /** For meters kept elsewhere (the analysis runs'), served on the same /metrics. */
  public io.micrometer.core.instrument.MeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }
}
