package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ColdStartBenchTest {

  @Test
  @DisplayName("cold-start prints a complete result: engine and baseline throughput, their ratio, heap and RSS")
  void coldStart() throws Exception {
    var run = BenchHarness.run(new ColdStartBench(), "--apps", "3", "--objects-per-app", "5", "--warmup", "1", "--timeout", "3m");
    JsonNode j = BenchHarness.assertSucceeded(run, "cold-start");
    assertThat(j.path("apps").asInt()).isEqualTo(3);
    assertThat(j.path("objects_per_app").asInt()).isEqualTo(5);
    assertThat(j.path("objects").asInt()).isEqualTo(15);
    assertThat(j.path("concurrency").asInt()).isEqualTo(EngineUnderTest.CONCURRENCY);
    BenchHarness.assertPositive(j, "engine_seconds", "engine_synced_seconds", "engine_objects_per_s",
        "baseline_seconds", "baseline_objects_per_s", "ratio", "heap_peak_mib", "heap_after_gc_mib", "rss_peak_mib",
        "engine_requests", "engine_writes", "baseline_requests", "engine_cpu_seconds", "warmup_seconds",
        "engine_synced_objects_per_s", "synced_ratio", "baseline_healthy_seconds", "healthy_ratio",
        "baseline_validated_seconds", "baseline_validated_objects_per_s", "engine_reconciles_in_flight_peak");
    BenchHarness.assertNonNegative(j, "baseline_cpu_seconds", "engine_dry_runs", "heap_max_mib");
    assertThat(j.path("warmup_apps").asInt()).isEqualTo(1);
    // every object is applied once by the baseline; the engine applies each at least once too
    assertThat(j.path("baseline_requests").asLong()).isGreaterThanOrEqualTo(15);
    assertThat(j.path("engine_writes").asLong()).isGreaterThanOrEqualTo(15);
    assertThat(j.path("engine_synced_seconds").asDouble()).isLessThanOrEqualTo(j.path("engine_seconds").asDouble());
    double ratio = j.path("engine_objects_per_s").asDouble() / j.path("baseline_objects_per_s").asDouble();
    assertThat(j.path("ratio").asDouble()).isCloseTo(ratio, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  @DisplayName("cold-start --shape helm: each app a chart, rendered by the Helm engine, with the render time per app")
  void coldStartHelm() throws Exception {
    var run = BenchHarness.run(new ColdStartBench(), "--apps", "3", "--shape", "helm", "--warmup", "1", "--timeout", "3m");
    JsonNode j = BenchHarness.assertSucceeded(run, "cold-start");
    assertThat(j.path("shape").asText()).isEqualTo("helm");
    assertThat(j.path("objects").asInt()).isEqualTo(12);
    BenchHarness.assertPositive(j, "engine_seconds", "baseline_seconds", "ratio", "render_seconds_total",
        "render_per_app_p50_ms", "render_per_app_p99_ms");
    assertThat(j.path("engine_writes").asLong()).as("the charts render the same objects").isGreaterThanOrEqualTo(12);
  }

  @Test
  @DisplayName("a bad option fails with exit code 2 and no result; a run that exceeds --timeout fails with 2 and cleans up")
  void errors() throws Exception {
    var bad = BenchHarness.run(new ColdStartBench(), "--apps", "2", "--objects-per-app", "3");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.json()).isNull();
    assertThat(bad.stderr()).contains("--objects-per-app");

    var late = BenchHarness.run(new ColdStartBench(), "--apps", "300", "--timeout", "3s");
    assertThat(late.exitCode()).as(late.describe()).isEqualTo(2);
    assertThat(late.json()).isNull();
    assertThat(late.stderr()).contains("timed out");
    BenchHarness.assertNothingLeft("cold-start");
  }
}
