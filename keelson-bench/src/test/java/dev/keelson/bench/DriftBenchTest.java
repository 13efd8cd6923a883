package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DriftBenchTest {

  @Test
  @DisplayName("drift prints detection and healing percentiles over the requested samples")
  void drift() throws Exception {
    var run = BenchHarness.run(new DriftBench(), "--apps", "2", "--samples", "3", "--timeout", "3m");
    JsonNode j = BenchHarness.assertSucceeded(run, "drift");
    assertThat(j.path("samples").asInt()).isEqualTo(3);
    assertThat(j.path("interval_seconds").asDouble()).isEqualTo(600.0);
    BenchHarness.assertPositive(j, "detect_p50_ms", "detect_p99_ms", "heal_p50_ms", "heal_p99_ms");
    assertThat(j.path("detect_samples_ms")).hasSize(3);
    assertThat(j.path("heal_samples_ms")).hasSize(3);
    assertThat(j.path("detect_p99_ms").asDouble()).isGreaterThanOrEqualTo(j.path("detect_p50_ms").asDouble());
    assertThat(j.path("heal_p99_ms").asDouble()).isGreaterThanOrEqualTo(j.path("heal_p50_ms").asDouble());
  }
}
