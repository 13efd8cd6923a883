package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SteadyStateBenchTest {

  @Test
  @DisplayName("steady-state prints requests, writes and CPU per interval of converged apps")
  void steadyState() throws Exception {
    var run = BenchHarness.run(new SteadyStateBench(),
        "--apps", "3", "--intervals", "2", "--interval", "2s", "--settle", "4s", "--timeout", "3m");
    JsonNode j = BenchHarness.assertSucceeded(run, "steady-state");
    assertThat(j.path("apps").asInt()).isEqualTo(3);
    assertThat(j.path("objects").asInt()).isEqualTo(12);
    assertThat(j.path("intervals").asInt()).isEqualTo(2);
    assertThat(j.path("interval_seconds").asDouble()).isEqualTo(2.0);
    BenchHarness.assertNonNegative(j, "requests", "writes", "requests_per_object_per_interval", "cpu_ms_per_interval",
        "watches_opened", "fetches_per_interval");
    BenchHarness.assertPositive(j, "window_seconds", "heap_peak_mib", "rss_peak_mib");
    assertThat(j.path("writes").asLong()).isLessThanOrEqualTo(j.path("requests").asLong());
    assertThat(j.path("requests_per_object_per_interval").asDouble())
        .isCloseTo(j.path("requests").asDouble() / 12 / 2, org.assertj.core.data.Offset.offset(0.001));
  }
}
