package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommitBenchTest {

  @Test
  @DisplayName("commit prints commit-to-applied percentiles at the interval and with a webhook Receiver")
  void commit() throws Exception {
    var run = BenchHarness.run(new CommitBench(), "--samples", "2", "--interval", "2s", "--timeout", "3m");
    JsonNode j = BenchHarness.assertSucceeded(run, "commit");
    assertThat(j.path("samples").asInt()).isEqualTo(2);
    assertThat(j.path("interval_seconds").asDouble()).isEqualTo(2.0);
    BenchHarness.assertPositive(j, "applied_p50_ms", "applied_p99_ms");
    assertThat(j.path("applied_samples_ms")).hasSize(2);
    BenchHarness.assertPositive(j, "webhook_applied_p50_ms", "webhook_applied_p99_ms");
    assertThat(j.path("webhook_applied_samples_ms")).hasSize(2);
    assertThat(j.path("webhook").asText()).startsWith("generic-hmac Receiver");
  }
}
