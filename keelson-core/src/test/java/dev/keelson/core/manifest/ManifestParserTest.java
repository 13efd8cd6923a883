package dev.keelson.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

  private final ManifestParser parser = new ManifestParser();

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        labels:
          app: web
      spec:
        replicas: 3
        template:
          spec:
            containers:
              - name: web
                image: nginx:1.27
                ports:
                  - containerPort: 8080
      """;

  @Test
  void parsesSingleDocumentIntoManifestWithKeyAndOrigin() throws Exception {
    List<Manifest> manifests = parser.parse("deploy/web.yaml", DEPLOYMENT);

    assertThat(manifests).hasSize(1);
    Manifest m = manifests.get(0);
    assertThat(m.key()).isEqualTo(new ResourceKey("apps", "Deployment", "shop", "web"));
    assertThat(m.apiVersion()).isEqualTo("apps/v1");
    assertThat(m.version()).isEqualTo("v1");
    assertThat(m.origin()).isEqualTo("deploy/web.yaml#1");
    assertThat(m.body()).containsEntry("kind", "Deployment");
  }

  @Test
  void keepsIntegersAsIntegersAndKeyOrder() throws Exception {
    Manifest m = parser.parse("web.yaml", DEPLOYMENT).get(0);

    assertThat(m.body()).isInstanceOf(LinkedHashMap.class);
    assertThat(m.body().keySet()).containsExactly("apiVersion", "kind", "metadata", "spec");
    Object replicas = ((Map<?, ?>) m.body().get("spec")).get("replicas");
    assertThat(replicas).isInstanceOf(Integer.class).isEqualTo(3);
  }

  @Test
  void scalarTypesFollowTheJsonModel() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: types}
        data:
          big: 3000000000
          ratio: 0.25
          enabled: true
          quoted: "42"
          time: 12:30
          date: 2024-01-01
          empty:
          octal: 0644
        """;
    Map<?, ?> data = (Map<?, ?>) parser.parse("t.yaml", yaml).get(0).body().get("data");

    assertThat(data.get("big")).isEqualTo(3_000_000_000L);
    assertThat(data.get("ratio")).isEqualTo(0.25d);
    assertThat(data.get("enabled")).isEqualTo(Boolean.TRUE);
    assertThat(data.get("quoted")).isEqualTo("42");
    // Kubernetes reads these as strings; YAML 1.1 would make a base-60 integer and a date.
    assertThat(data.get("time")).isEqualTo("12:30");
    assertThat(data.get("date")).isEqualTo("2024-01-01");
    assertThat(data.containsKey("empty")).isTrue();
    assertThat(data.get("empty")).isNull();
    assertThat(data.get("octal")).isEqualTo(420);
  }

  @Test
  void multiDocumentSkipsEmptyAndCommentOnlyDocuments() throws Exception {
    String yaml =
        """
        ---
        # leading comment only
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
        ---

        ---   # separator with a comment
        apiVersion: v1
        kind: Secret
        metadata:
          name: b
          namespace: ns
        ---
        # trailing comment document
        """;
    List<Manifest> manifests = parser.parse("all.yaml", yaml);

    assertThat(manifests)
        .extracting(Manifest::key)
        .containsExactly(
            new ResourceKey("", "ConfigMap", "", "a"), new ResourceKey("", "Secret", "ns", "b"));
    assertThat(manifests).extracting(Manifest::origin).containsExactly("all.yaml#1", "all.yaml#2");
  }

  @Test
  void emptyAndCommentOnlyFilesYieldNothing() throws Exception {
    assertThat(parser.parse("empty.yaml", "")).isEmpty();
    assertThat(parser.parse("blank.yaml", "\n\n   \n")).isEmpty();
    assertThat(parser.parse("comments.yaml", "# nothing here\n---\n# nor here\n")).isEmpty();
    assertThat(parser.parse("null.yaml", "~\n---\nnull\n")).isEmpty();
  }

  @Test
  void handlesWindowsLineEndingsAndByteOrderMark() throws Exception {
    String yaml =
        "\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n---\r\n"
            + "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: b\r\n";
    assertThat(parser.parse("crlf.yaml", yaml))
        .extracting(m -> m.key().name())
        .containsExactly("a", "b");
  }

  @Test
  void expandsKindListAndTypedLists() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: one}
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: two}
        ---
        apiVersion: v1
        kind: ServiceList
        items:
          - apiVersion: v1
            kind: Service
            metadata: {name: svc, namespace: shop}
        """;
    List<Manifest> manifests = parser.parse("lists.yaml", yaml);

    assertThat(manifests)
        .extracting(Manifest::key)
        .containsExactly(
            new ResourceKey("", "ConfigMap", "", "one"),
            new ResourceKey("", "ConfigMap", "", "two"),
            new ResourceKey("", "Service", "shop", "svc"));
    assertThat(manifests)
        .extracting(Manifest::origin)
        .containsExactly("lists.yaml#1", "lists.yaml#1", "lists.yaml#2");
  }

  @Test
  void customKindEndingInListWithoutItemsIsAnObject() throws Exception {
    String yaml =
        """
        apiVersion: security.example.com/v1
        kind: AllowList
        metadata: {name: office}
        spec:
          cidrs: [10.0.0.0/8]
        """;
    assertThat(parser.parse("allow.yaml", yaml).get(0).key())
        .isEqualTo(new ResourceKey("security.example.com", "AllowList", "", "office"));
  }

  @Test
  void itemOfListIsValidatedWithItsPosition() {
    String yaml =
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: ok}
          - kind: ConfigMap
            metadata: {name: broken}
        """;
    assertThatThrownBy(() -> parser.parse("list.yaml", yaml))
        .isInstanceOf(ManifestException.class)
        .hasMessage("list.yaml: document 1, item 2 (ConfigMap/broken): missing apiVersion");
  }

  @Test
  void resolvesAnchorsAliasesAndMergeKeysWithoutSharing() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: anchors
          labels: &labels
            app: web
            tier: front
          annotations:
            <<: *labels
            tier: overridden
        data:
          copy: &value hello
          again: *value
        """;
    Map<String, Object> body = parser.parse("a.yaml", yaml).get(0).body();
    Map<?, ?> metadata = (Map<?, ?>) body.get("metadata");

    assertThat(metadata.get("annotations")).isEqualTo(Map.of("app", "web", "tier", "overridden"));
    assertThat(((Map<?, ?>) body.get("data")).get("again")).isEqualTo("hello");
  }

  @Test
  void parsesJsonFilesIncludingStreamsOfObjects() throws Exception {
    String json =
        """
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"n": "1"}}
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
         "metadata": {"name": "r", "namespace": "ns"}, "rules": [{"verbs": ["get"], "x": 7}]}
        """;
    List<Manifest> manifests = parser.parse("cfg.json", json);

    assertThat(manifests)
        .extracting(Manifest::key)
        .containsExactly(
            new ResourceKey("", "ConfigMap", "", "a"),
            new ResourceKey("rbac.authorization.k8s.io", "Role", "ns", "r"));
    assertThat(manifests.get(1).origin()).isEqualTo("cfg.json#2");
    List<?> rules = (List<?>) manifests.get(1).body().get("rules");
    assertThat(((Map<?, ?>) rules.get(0)).get("x")).isEqualTo(7);
  }

  @Test
  void brokenJsonNamesFileDocumentAndLine() {
    String json = "{\"apiVersion\": \"v1\",\n \"kind\": \"ConfigMap\",\n \"metadata\": {name: \"x\"}}";
    assertThatThrownBy(() -> parser.parse("bad.json", json))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("bad.json: document 1: Unexpected character")
        .hasMessageContaining("(line 3, column");
  }

  @Test
  void brokenYamlNamesFileDocumentLineAndColumn() {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: first
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: second: oops
        """;
    assertThatThrownBy(() -> parser.parse("deploy/web.yaml", yaml))
        .isInstanceOf(ManifestException.class)
        .hasMessage("deploy/web.yaml: document 2: mapping values are not allowed here (line 9, column 15)")
        .asInstanceOf(type(ManifestException.class))
        .satisfies(
            e -> {
              assertThat(e.origin()).isEqualTo("deploy/web.yaml");
              assertThat(e.documentIndex()).isEqualTo(2);
            });
  }

  @Test
  void badIndentationPointsAtTheLineAndTheEnclosingBlock() {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: x
         labels: {}
        """;
    assertThatThrownBy(() -> parser.parse("indent.yaml", yaml))
        .hasMessageStartingWith("indent.yaml: document 1: expected <block end>")
        .hasMessageContaining("(line 5, column 2)");
  }

  @Test
  void tabsInIndentationAreReported() {
    assertThatThrownBy(() -> parser.parse("tab.yaml", "apiVersion: v1\n\tkind: Pod\n"))
        .hasMessageStartingWith("tab.yaml: document 1: ")
        .hasMessageContaining("TAB")
        .hasMessageContaining("line 2");
  }

  @Test
  void duplicateKeysAreRejected() {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: dup
        data:
          a: "1"
          a: "2"
        """;
    assertThatThrownBy(() -> parser.parse("dup.yaml", yaml))
        .hasMessageContaining("dup.yaml: document 1: found duplicate key a (line 7, column 3)");
  }

  @Test
  void reportsMissingApiVersionWithKindAndName() {
    String yaml = "kind: ConfigMap\nmetadata:\n  name: cfg\n";
    assertThatThrownBy(() -> parser.parse("deploy/web.yaml", yaml))
        .isInstanceOf(ManifestException.class)
        .hasMessage("deploy/web.yaml: document 1 (ConfigMap/cfg): missing apiVersion");
  }

  @Test
  void reportsMissingKind() {
    String yaml = "apiVersion: v1\nmetadata:\n  name: cfg\n";
    assertThatThrownBy(() -> parser.parse("x.yaml", yaml))
        .hasMessage("x.yaml: document 1 (cfg): missing kind");
  }

  @Test
  void reportsMissingName() {
    assertThatThrownBy(() -> parser.parse("x.yaml", "apiVersion: v1\nkind: ConfigMap\n"))
        .hasMessage("x.yaml: document 1 (ConfigMap): missing metadata.name");
    assertThatThrownBy(
            () -> parser.parse("x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n"))
        .hasMessage("x.yaml: document 1 (ConfigMap): missing metadata.name");
  }

  @Test
  void refusesGenerateNameOutsideHooks() {
    String yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n";
    assertThatThrownBy(() -> parser.parse("job.yaml", yaml))
        .hasMessageStartingWith("job.yaml: document 1 (Job): metadata.generateName is only supported on hooks");
    String skipped = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n"
        + "  annotations: {argocd.argoproj.io/hook: Skip}\n";
    assertThatThrownBy(() -> parser.parse("job.yaml", skipped))
        .hasMessageContaining("metadata.generateName is only supported on hooks");
  }

  @Test
  void hooksWithGenerateNameAreKnownByTheirPrefix() throws Exception {
    for (String annotation : List.of("argocd.argoproj.io/hook: PreSync", "keelson.dev/hook: PostSync",
        "helm.sh/hook: pre-install")) {
      String yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n"
          + "  annotations: {" + annotation + "}\n";
      List<Manifest> parsed = parser.parse("job.yaml", yaml);
      assertThat(parsed).singleElement().satisfies(m -> assertThat(m.key().name()).isEqualTo("migrate-"));
    }
  }

  @Test
  void refusesWronglyTypedFields() {
    assertThatThrownBy(
            () -> parser.parse("x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 42\n"))
        .hasMessage("x.yaml: document 1 (ConfigMap): metadata.name must be a string, found a number");
    assertThatThrownBy(() -> parser.parse("x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: oops\n"))
        .hasMessage("x.yaml: document 1 (ConfigMap): metadata must be an object");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: [x]}\n"))
        .hasMessage("x.yaml: document 1 (ConfigMap/a): metadata.namespace must be a string");
  }

  @Test
  void refusesDocumentsThatAreNotObjects() {
    assertThatThrownBy(() -> parser.parse("x.yaml", "- a\n- b\n"))
        .hasMessage("x.yaml: document 1: expected an object with apiVersion and kind, found a list");
    assertThatThrownBy(() -> parser.parse("x.yaml", "just text\n"))
        .hasMessage("x.yaml: document 1: expected an object with apiVersion and kind, found a string");
  }

  @Test
  void firstErrorInFileWinsAndLaterDocumentsAreNotNeeded() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\n---\n: : broken\n";
    assertThatThrownBy(() -> parser.parse("x.yaml", yaml))
        .hasMessage("x.yaml: document 1 (ConfigMap): missing metadata.name");
  }

  @Test
  void refusesAliasBombs() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 4; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    assertThatThrownBy(() -> parser.parse("bomb.yaml", yaml.toString()))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("bomb.yaml: document 1:");
  }

  @Test
  void bodiesOfDifferentObjectsAreIndependent() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: List
        items:
          - &cm
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: b}
            data: *cm
        """;
    List<Manifest> manifests = parser.parse("x.yaml", yaml);
    Map<?, ?> copied = (Map<?, ?>) manifests.get(1).body().get("data");
    assertThat(copied).isNotSameAs(manifests.get(0).body());
    assertThat(copied).isEqualTo(manifests.get(0).body());
  }
}
