package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.core.appset.AppTemplate;
import dev.keelson.core.appset.ClusterInfo;
import dev.keelson.core.appset.GeneratorInputs;
import dev.keelson.core.appset.Generators;
import dev.keelson.core.appset.Params;
import dev.keelson.core.appset.RepoSnapshot;
import dev.keelson.core.appset.Templater;
import dev.keelson.core.appset.Templating;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AppSetLayoutTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "keelson-bench-appset-abc123";
  private static final String REPO = "file:///tmp/repo/";
  private static final String REMOTE = "https://127.0.0.1:40001";

  @Test
  @DisplayName("apps go round-robin over the clusters, N/C each, the first clusters one more")
  void spread() {
    AppSetLayout layout = AppSetLayout.of(7, 3);
    assertThat(layout.clusters()).containsExactly("in-cluster", "bench-2", "bench-3");
    assertThat(layout.appsPerCluster()).containsExactly(Map.entry("in-cluster", 3), Map.entry("bench-2", 2),
        Map.entry("bench-3", 2));
    assertThat(layout.directory(1)).isEqualTo("apps/in-cluster/app-0001");
    assertThat(layout.directory(2)).isEqualTo("apps/bench-2/app-0002");
    assertThat(layout.directory(4)).isEqualTo("apps/in-cluster/app-0004");
    assertThat(AppSetLayout.of(5, 1).appsPerCluster()).containsExactly(Map.entry("in-cluster", 5));
  }

  @Test
  @DisplayName("the ApplicationSet, run through the engine's own generators and template, yields every app once, on its cluster")
  void applicationSetGeneratesTheLayout() throws Exception {
    AppSetLayout layout = AppSetLayout.of(5, 2);
    String yaml = AppSetLayout.applicationSet(RUN, RUN, REPO, RUN, "10m");
    ApplicationSet set = new KubernetesSerialization().unmarshal(yaml, ApplicationSet.class);
    assertThat(set.getMetadata().getName()).isEqualTo(AppSetLayout.SET_NAME);
    assertThat(set.getMetadata().getNamespace()).isEqualTo(RUN);
    assertThat(set.getSpec().generators).hasSize(1);

    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 1; i <= layout.apps(); i++) {
      for (var f : new AppShape(4).files(layout.app(i), "initial").entrySet()) {
        files.put(layout.directory(i) + "/" + f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    Map<String, String> mine = Map.of(AppSetLayout.RUN_LABEL, RUN, "keelson.dev/secret-type", "cluster");
    GeneratorInputs inputs = new GeneratorInputs() {
      @Override
      public List<ClusterInfo> clusters() {
        return List.of(
            new ClusterInfo("in-cluster", AppSetLayout.IN_CLUSTER_SERVER, mine),
            new ClusterInfo("bench-2", REMOTE, mine),
            // another run's cluster: the selector leaves it out
            new ClusterInfo("bench-3", "https://127.0.0.1:40002", Map.of(AppSetLayout.RUN_LABEL, "other")));
      }

      @Override
      public RepoSnapshot repository(String repoURL, String revision) {
        assertThat(repoURL).isEqualTo(REPO);
        assertThat(revision).isEqualTo(BenchRepo.BRANCH);
        return new RepoSnapshot("0123abcd", files);
      }
    };
    Templater templater = new Templater(Templating.FAST);
    AppTemplate template = new AppTemplate(JSON.valueToTree(set.getSpec().template), null, templater);
    List<Params> params = new Generators(inputs, templater).evaluate(JSON.valueToTree(set.getSpec().generators.get(0)));

    Map<String, String> serverByApp = new LinkedHashMap<>();
    for (Params p : params) {
      JsonNode app = template.render(p);
      String name = app.path("metadata").path("name").asText();
      JsonNode spec = app.path("spec");
      assertThat(spec.path("source").path("repoURL").asText()).isEqualTo(REPO);
      assertThat(spec.path("source").path("path").asText()).isEqualTo("apps/" + layout.clusterByApp().get(name) + "/" + name);
      assertThat(spec.path("destination").path("namespace").asText()).isEqualTo(RUN);
      assertThat(spec.path("interval").asText()).isEqualTo("10m");
      assertThat(spec.path("syncPolicy").path("automated").path("prune").asBoolean()).isTrue();
      assertThat(serverByApp.put(name, spec.path("destination").path("server").asText())).as("app %s twice", name).isNull();
    }
    assertThat(serverByApp).containsExactlyInAnyOrderEntriesOf(Map.of(
        "app-0001", AppSetLayout.IN_CLUSTER_SERVER, "app-0003", AppSetLayout.IN_CLUSTER_SERVER,
        "app-0005", AppSetLayout.IN_CLUSTER_SERVER, "app-0002", REMOTE, "app-0004", REMOTE));
  }

  @Test
  @DisplayName("options: --clusters and --apps at least 1, no more --cluster-kubeconfig than clusters besides the own")
  void options() {
    assertThat(parameters("--apps", "10", "--clusters", "2"))
        .containsEntry("apps", 10).containsEntry("clusters", 2)
        .containsEntry("apps_per_cluster", Map.of("in-cluster", 5, "bench-2", 5));
    assertThat(parameters()).containsEntry("apps", 100).containsEntry("clusters", 2).containsEntry("interval_seconds", 600.0);
    assertThatThrownBy(() -> parameters("--clusters", "0")).hasMessageContaining("--clusters");
    assertThatThrownBy(() -> parameters("--apps", "0")).hasMessageContaining("--apps");
    assertThatThrownBy(() -> parameters("--objects-per-app", "3")).hasMessageContaining("--objects-per-app");
    assertThatThrownBy(() -> parameters("--clusters", "1", "--cluster-kubeconfig", "/tmp/k"))
        .hasMessageContaining("--cluster-kubeconfig");
    assertThat(parameters("--clusters", "3", "--cluster-kubeconfig", "/tmp/k")).containsEntry("cluster_kubeconfigs", 1);
  }

  private static Map<String, Object> parameters(String... args) {
    AppSetBench bench = new AppSetBench();
    new CommandLine(bench).parseArgs(args);
    return bench.parameters();
  }
}
