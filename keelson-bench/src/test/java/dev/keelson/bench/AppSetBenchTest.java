package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppSetBenchTest {
  private static TestCluster second;

  @BeforeAll
  static void secondCluster() {
    second = TestCluster.startAnother();
  }

  @AfterAll
  static void stop() {
    if (second != null) second.close();
  }

  @Test
  @DisplayName("appset generates the apps over two clusters, times them, and leaves nothing on either")
  void appset() throws Exception {
    var run = BenchHarness.run(new AppSetBench(), "--apps", "5", "--clusters", "2",
        "--cluster-kubeconfig", second.kubeconfigPath().toString(), "--timeout", "3m");
    JsonNode j = BenchHarness.assertSucceeded(run, "appset");
    assertThat(j.path("apps").asInt()).isEqualTo(5);
    assertThat(j.path("clusters").asInt()).isEqualTo(2);
    BenchHarness.assertPositive(j, "first_app_seconds", "generated_seconds", "synced_seconds", "synced_healthy_seconds",
        "new_app_seconds", "new_app_ready_seconds", "new_app_pass_seconds", "heap_peak_mib", "requests");
    assertThat(j.path("first_app_seconds").asDouble()).isLessThanOrEqualTo(j.path("generated_seconds").asDouble());
    assertThat(j.path("generated_seconds").asDouble()).isLessThanOrEqualTo(j.path("synced_healthy_seconds").asDouble());
    assertThat(j.path("per_cluster").path("in-cluster").path("apps").asInt()).isEqualTo(3);
    assertThat(j.path("per_cluster").path("bench-2").path("apps").asInt()).isEqualTo(2);
    BenchHarness.assertPositive(j.path("per_cluster").path("bench-2"), "generated_seconds", "synced_healthy_seconds");
    assertThat(j.path("new_app").asText()).isEqualTo("app-0006");
    assertThat(j.path("appset_conditions").path("ParametersGenerated").asText()).startsWith("True");
    assertThat(j.path("cluster_sources").path("bench-2").asText()).isEqualTo(second.kubeconfigPath().toString());
    try (KubernetesClient client = second.newClient()) {
      assertThat(client.namespaces().withLabel(BenchContext.BENCH_LABEL, "appset").list().getItems())
          .as("namespaces of the appset run on the second cluster after cleanup").isEmpty();
    }
  }
}
