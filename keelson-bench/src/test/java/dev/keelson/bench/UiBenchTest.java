package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class UiBenchTest {

  @Test
  @DisplayName("ui prints p50/p99 of every call, the first renders in Chromium, and leaves nothing behind")
  void ui() throws Exception {
    var run = BenchHarness.run(new UiBench(), "--apps", "30", "--samples", "5", "--warmup", "1", "--page-loads", "2",
        "--timeout", "3m");
    JsonNode j = BenchHarness.assertSucceeded(run, "ui");
    assertThat(j.path("apps_indexed").asInt()).isEqualTo(31);
    for (String call : new String[] {"list_first_page", "list_filtered", "list_counts", "list_page_1000", "tree"}) {
      JsonNode c = j.path("calls").path(call);
      BenchHarness.assertPositive(c, "latency_p50_ms", "latency_p99_ms", "bytes");
      assertThat(c.path("latency_p99_ms").asDouble()).isGreaterThanOrEqualTo(c.path("latency_p50_ms").asDouble());
    }
    // the tree of the synced app has its Deployment and what it owns, not an empty list
    assertThat(j.path("calls").path("tree").path("bytes").asInt()).isGreaterThan(100);
    BenchHarness.assertPositive(j, "first_render_cold_ms", "first_render_warm_p50_ms", "list_p99_ms");
    assertThat(j.path("first_render_samples_ms")).hasSize(2);
    assertThat(j.path("list_p99_met").isBoolean()).isTrue();
    assertThat(j.path("first_render_met").isBoolean()).isTrue();
  }
}
