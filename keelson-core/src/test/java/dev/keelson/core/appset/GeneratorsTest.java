package dev.keelson.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Inputs from memory; a repository URL starting with "broken" fails as an outage would. */
  static final class FakeInputs implements GeneratorInputs {
    final List<ClusterInfo> clusters = new ArrayList<>();
    final Map<String, byte[]> files = new HashMap<>();
    int repoReads;

    FakeInputs file(String path, String content) {
      files.put(path, content.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    @Override
    public List<ClusterInfo> clusters() {
      return clusters;
    }

    @Override
    public RepoSnapshot repository(String repoURL, String revision) throws GeneratorException {
      repoReads++;
      if (repoURL.startsWith("broken")) throw new GeneratorException("cannot fetch " + repoURL);
      return new RepoSnapshot("abc123", files);
    }
  }

  private final FakeInputs inputs = new FakeInputs();

  private List<Map<String, Object>> eval(Templating t, String yaml) throws Exception {
    JsonNode g = YAML.readTree(yaml);
    return new Generators(inputs, new Templater(t)).evaluate(g).stream().map(Params::values).toList();
  }

  @Test
  void listFlattensForFastAndKeepsNestingForGo() throws Exception {
    String gen = "list: {elements: [{cluster: dev, url: 'https://d', values: {tier: low}}, {cluster: prod, url: 'https://p'}]}";
    assertThat(eval(Templating.FAST, gen)).containsExactly(
        Map.of("cluster", "dev", "url", "https://d", "values.tier", "low"),
        Map.of("cluster", "prod", "url", "https://p"));
    assertThat(eval(Templating.go(List.of()), gen).get(0)).containsEntry("values", Map.of("tier", "low"));
  }

  @Test
  void clustersBySelectorWithValues() throws Exception {
    inputs.clusters.add(new ClusterInfo("Staging_EU", "https://s", Map.of("env", "staging"), Map.of("team", "a")));
    inputs.clusters.add(new ClusterInfo("prod", "https://p", Map.of("env", "prod")));
    List<Map<String, Object>> fast = eval(Templating.FAST,
        "clusters: {selector: {matchLabels: {env: staging}}, values: {rev: 'v-{{metadata.labels.env}}'}}");
    assertThat(fast).containsExactly(Map.of("name", "Staging_EU", "nameNormalized", "staging-eu", "server", "https://s",
        "metadata.labels.env", "staging", "metadata.annotations.team", "a", "values.rev", "v-staging"));
    List<Map<String, Object>> go = eval(Templating.go(List.of()),
        "clusters: {selector: {matchExpressions: [{key: env, operator: In, values: [prod]}]}, values: {x: '{{ .name }}'}}");
    assertThat(go).singleElement().satisfies(p -> {
      assertThat(p).containsEntry("server", "https://p").containsEntry("values", Map.of("x", "prod"));
      assertThat(p.get("metadata")).isEqualTo(Map.of("labels", Map.of("env", "prod"), "annotations", Map.of()));
    });
  }

  @Test
  void clustersWithoutSelectorIncludeTheControllersOwn() throws Exception {
    inputs.clusters.add(new ClusterInfo("prod", "https://p", Map.of()));
    assertThat(eval(Templating.FAST, "clusters: {}")).extracting(p -> p.get("name")).containsExactly("in-cluster", "prod");
    inputs.clusters.add(new ClusterInfo("local", ClusterInfo.IN_CLUSTER_SERVER, Map.of()));
    assertThat(eval(Templating.FAST, "clusters: {}")).extracting(p -> p.get("name")).containsExactly("local", "prod");
  }

  @Test
  void gitDirectoriesWithExclude() throws Exception {
    inputs.file("apps/web/k.yaml", "").file("apps/db/k.yaml", "").file("apps/skip/k.yaml", "")
        .file("apps/web/deep/x.yaml", "").file("README.md", "");
    String gen = "git: {repoURL: r, revision: main, directories: [{path: 'apps/*'}, {path: apps/skip, exclude: true}]}";
    List<Map<String, Object>> fast = eval(Templating.FAST, gen);
    assertThat(fast).extracting(p -> p.get("path")).containsExactly("apps/db", "apps/web");
    assertThat(fast.get(1)).containsEntry("path.basename", "web").containsEntry("path.basenameNormalized", "web")
        .containsEntry("path[0]", "apps").containsEntry("path[1]", "web");
    Map<String, Object> go = eval(Templating.go(List.of()), gen).get(1);
    assertThat(go.get("path")).isEqualTo(Map.of("path", "apps/web", "basename", "web", "basenameNormalized", "web",
        "segments", List.of("apps", "web")));
  }

  @Test
  void gitDirectoriesWithPrefixAndValues() throws Exception {
    inputs.file("apps/web/k.yaml", "");
    List<Map<String, Object>> fast = eval(Templating.FAST,
        "git: {repoURL: r, pathParamPrefix: app, values: {name: '{{app.path.basename}}-x'}, directories: [{path: 'apps/*'}]}");
    assertThat(fast.get(0)).containsEntry("app.path", "apps/web").containsEntry("app.path.basename", "web")
        .containsEntry("app.path[1]", "web").containsEntry("values.name", "web-x");
  }

  @Test
  @SuppressWarnings("unchecked")
  void gitFilesFlattenedForFastNestedForGo() throws Exception {
    inputs.file("clusters/dev/config.json", "{\"cluster\": {\"name\": \"dev\", \"address\": \"https://d\"}}")
        .file("clusters/prod/config.yaml", "- {cluster: {name: prod-a}}\n- {cluster: {name: prod-b}}\n")
        .file("clusters/prod/other.txt", "ignored");
    String gen = "git: {repoURL: r, files: [{path: 'clusters/**/config.*'}]}";
    List<Map<String, Object>> fast = eval(Templating.FAST, gen);
    assertThat(fast).extracting(p -> p.get("cluster.name")).containsExactly("dev", "prod-a", "prod-b");
    assertThat(fast.get(0)).containsEntry("cluster.address", "https://d").containsEntry("path", "clusters/dev")
        .containsEntry("path.basename", "dev").containsEntry("path.filename", "config.json")
        .containsEntry("path[1]", "dev");
    Map<String, Object> go = eval(Templating.go(List.of()), gen).get(0);
    assertThat(go.get("cluster")).isEqualTo(Map.of("name", "dev", "address", "https://d"));
    assertThat((Map<String, Object>) go.get("path")).containsEntry("filename", "config.json").containsEntry("path", "clusters/dev");
  }

  @Test
  void gitOutageIsAnError() {
    assertThatThrownBy(() -> eval(Templating.FAST, "git: {repoURL: broken, directories: [{path: '*'}]}"))
        .isInstanceOf(GeneratorException.class).hasMessageContaining("cannot fetch broken");
  }

  @Test
  void matrixCombinesAndItsSecondChildUsesTheFirstsParameters() throws Exception {
    inputs.file("apps/web/envs/dev/x.yaml", "").file("apps/web/envs/prod/x.yaml", "");
    List<Map<String, Object>> out = eval(Templating.FAST, """
        matrix:
          generators:
          - list: {elements: [{app: web}]}
          - git: {repoURL: r, directories: [{path: 'apps/{{app}}/envs/*'}]}
        """);
    assertThat(out).extracting(p -> p.get("app") + "/" + p.get("path.basename")).containsExactly("web/dev", "web/prod");
    assertThatThrownBy(() -> eval(Templating.FAST, "matrix: {generators: [{list: {elements: []}}]}"))
        .hasMessageContaining("exactly two");
  }

  @Test
  void matrixEvaluatesAnUnchangedSecondChildOnce() throws Exception {
    inputs.file("a/x.yaml", "");
    eval(Templating.FAST, """
        matrix:
          generators:
          - list: {elements: [{n: '1'}, {n: '2'}, {n: '3'}]}
          - git: {repoURL: r, directories: [{path: '*'}]}
        """);
    assertThat(inputs.repoReads).isEqualTo(1);
  }

  @Test
  void mergeOverridesBaseSetsByMergeKeys() throws Exception {
    inputs.clusters.add(new ClusterInfo("dev", "https://d", Map.of()));
    inputs.clusters.add(new ClusterInfo("prod", "https://p", Map.of()));
    List<Map<String, Object>> out = eval(Templating.FAST, """
        merge:
          mergeKeys: [server]
          generators:
          - clusters: {selector: {matchLabels: {}}, values: {replicas: '1'}}
          - list: {elements: [{server: 'https://p', values.replicas: '3'}, {server: 'https://nowhere', values.replicas: '9'}]}
        """);
    assertThat(out).extracting(p -> p.get("name") + "=" + p.get("values.replicas")).containsExactly("dev=1", "in-cluster=1", "prod=3");
  }

  @Test
  void postSelectorFiltersParameters() throws Exception {
    List<Map<String, Object>> out = eval(Templating.FAST,
        "list: {elements: [{env: dev}, {env: prod}]}\nselector: {matchExpressions: [{key: env, operator: NotIn, values: [prod]}]}");
    assertThat(out).containsExactly(Map.of("env", "dev"));
  }

  @Test
  void aGeneratorNeedsExactlyOneKind() {
    assertThatThrownBy(() -> eval(Templating.FAST, "list: {elements: []}\nclusters: {}"))
        .isInstanceOf(GeneratorException.class).hasMessageContaining("exactly one");
  }
}
