package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GitBenchTest {

  @Test
  @DisplayName("git prints the fetches of the shared repository per interval")
  void git() throws Exception {
    var run = BenchHarness.run(new GitBench(), "--apps", "3", "--intervals", "2", "--interval", "2s", "--timeout", "3m");
    JsonNode j = BenchHarness.assertSucceeded(run, "git");
    assertThat(j.path("apps").asInt()).isEqualTo(3);
    assertThat(j.path("intervals").asInt()).isEqualTo(2);
    BenchHarness.assertNonNegative(j, "fetches", "fetches_per_interval");
    BenchHarness.assertPositive(j, "window_seconds", "interval_seconds");
    assertThat(j.path("fetches_per_interval").asDouble())
        .isCloseTo(j.path("fetches").asDouble() / 2, org.assertj.core.data.Offset.offset(0.01));
  }
}
