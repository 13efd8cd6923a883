package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShardsBenchTest {

  @Test
  @DisplayName("shards prints one replica against several, the apps each held, and how long a killed replica's apps waited")
  void shards() throws Exception {
    var run = BenchHarness.run(new ShardsBench(), "--apps", "6", "--replicas", "2", "--lease", "4s", "--warmup", "0",
        "--timeout", "4m");
    JsonNode j = BenchHarness.assertSucceeded(run, "shards");
    assertThat(j.path("apps").asInt()).isEqualTo(6);
    assertThat(j.path("replicas").asInt()).isEqualTo(2);
    BenchHarness.assertPositive(j, "one_seconds", "one_objects_per_s", "sharded_seconds", "sharded_objects_per_s",
        "throughput_ratio", "one_heap_per_1000_apps_mib", "sharded_heap_per_1000_apps_mib", "takeover_seconds",
        "heal_seconds", "killed_replica_apps");
    // every app held by one of the replicas
    long held = 0;
    for (JsonNode n : j.path("apps_held")) held += n.asLong();
    assertThat(held).isEqualTo(6);
    // the others wait for the stale Lease (4 s, renewed every 0.8 s), and the stopped replica heals nothing itself
    assertThat(j.path("takeover_seconds").asDouble()).isGreaterThanOrEqualTo(3.0);
    assertThat(j.path("heal_seconds").asDouble()).isGreaterThanOrEqualTo(3.0);
  }
}
