package dev.keelson.render;

import static dev.keelson.render.SourceFiles.configMap;
import static dev.keelson.render.SourceFiles.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThatCode;

import dev.keelson.core.manifest.DirectorySelection;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the real kustomize (or kubectl kustomize) found on the PATH. */
class KustomizeRenderTest {

  private final Renderer renderer = new Renderer();

  @BeforeEach
  void needsKustomize() {
    assumeThatCode(Kustomize::detectCommand).doesNotThrowAnyException();
  }

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: nginx:1.27
      """;

  private static final String SERVICE =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector: {app: web}
        ports: [{port: 80}]
      """;

  @Test
  void buildsOverlayWithBaseNamePrefixAndLabels() throws Exception {
    Map<String, byte[]> files =
        tree()
            .add("kustomization.yaml",
                """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: shop-prod
                namePrefix: prod-
                commonLabels:
                  env: prod
                resources:
                  - base
                  - extra.yaml
                patches:
                  - path: replicas.yaml
                """)
            .add("base/kustomization.yaml", "resources: [deployment.yaml, service.yaml]\n")
            .add("base/deployment.yaml", DEPLOYMENT)
            .add("base/service.yaml", SERVICE)
            .add("extra.yaml", configMap("settings"))
            .add("replicas.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 3
                """)
            .add("README.md", "not used")
            .map();

    RenderResult result = renderer.render(files, DirectorySelection.defaults());

    assertThat(result.engine()).isEqualTo(RenderResult.KUSTOMIZE);
    assertThat(result.manifests())
        .extracting(Manifest::key)
        .containsExactlyInAnyOrder(
            new ResourceKey("apps", "Deployment", "shop-prod", "prod-web"),
            new ResourceKey("", "Service", "shop-prod", "prod-web"),
            new ResourceKey("", "ConfigMap", "shop-prod", "prod-settings"));
    assertThat(result.manifests()).allSatisfy(m -> assertThat(m.origin()).startsWith("kustomize#"));
    Manifest deployment =
        result.manifests().stream().filter(m -> m.kind().equals("Deployment")).findFirst().orElseThrow();
    Map<?, ?> metadata = (Map<?, ?>) deployment.body().get("metadata");
    assertThat(((Map<?, ?>) metadata.get("labels")).get("env")).isEqualTo("prod");
    Map<?, ?> spec = (Map<?, ?>) deployment.body().get("spec");
    assertThat(spec.get("replicas")).isEqualTo(3);
    Map<?, ?> selector = (Map<?, ?>) ((Map<?, ?>) spec.get("selector")).get("matchLabels");
    assertThat(selector.get("env")).isEqualTo("prod");
  }

  @Test
  void directorySelectionDoesNotApplyToKustomize() throws Exception {
    Map<String, byte[]> files =
        tree()
            .add("kustomization.yml", "resources: [nested/cm.yaml]\n")
            .add("nested/cm.yaml", configMap("cfg"))
            .map();
    RenderResult result =
        renderer.render(files, new DirectorySelection(false, List.of("nothing.yaml"), List.of()));
    assertThat(result.manifests()).extracting(m -> m.key().name()).containsExactly("cfg");
  }

  @Test
  void kustomizeErrorsAreReportedWithRelativePaths() {
    Map<String, byte[]> files =
        tree()
            .add("kustomization.yaml", "resources: [cm.yaml]\n")
            .add("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n bad: 1\n")
            .map();

    assertThatThrownBy(() -> renderer.render(files, DirectorySelection.defaults()))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("kustomization.yaml: kustomize build failed: ")
        .hasMessageContaining("cm.yaml")
        .hasMessageNotContaining("keelson-render-");
  }

  @Test
  void kustomizeRefusesDuplicatesItself() {
    Map<String, byte[]> files =
        tree()
            .add("kustomization.yaml", "resources: [a, b]\n")
            .add("a/kustomization.yaml", "namespace: one\nresources: [cm.yaml]\n")
            .add("a/cm.yaml", configMap("cfg"))
            .add("b/kustomization.yaml", "namespace: one\nresources: [cm.yaml]\n")
            .add("b/cm.yaml", configMap("cfg"))
            .map();

    assertThatThrownBy(() -> renderer.render(files, DirectorySelection.defaults()))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("kustomization.yaml: kustomize build failed: ")
        .hasMessageContaining("already registered id");
  }

  @Test
  @org.junit.jupiter.api.DisplayName("an overlay at the app's path builds with a base elsewhere in the repository")
  void overlayUsesBaseElsewhereInRepository() throws Exception {
    Map<String, byte[]> repo =
        tree()
            .add("apps/web/base/kustomization.yaml", "resources:\n- deployment.yaml\n")
            .add("apps/web/base/deployment.yaml", DEPLOYMENT)
            .add("apps/web/overlays/prod/kustomization.yaml", "namePrefix: prod-\nresources:\n- ../../base\n")
            .add("unrelated/cm.yaml", configMap("unrelated"))
            .map();
    RenderResult result = renderer.render(repo, "apps/web/overlays/prod", null);
    assertThat(result.engine()).isEqualTo(RenderResult.KUSTOMIZE);
    assertThat(result.manifests()).extracting(m -> m.key().name()).containsExactly("prod-web");
  }

  @Test
  @org.junit.jupiter.api.DisplayName("a kustomization path leaving the repository is refused")
  void pathLeavingRepositoryIsRefused() {
    Map<String, byte[]> repo =
        tree().add("app/kustomization.yaml", "resources:\n- ../../outside\n").map();
    assertThatThrownBy(() -> renderer.render(repo, "app", null))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("escapes the repository");
  }

  @Test
  @org.junit.jupiter.api.DisplayName("a plain directory at a path reads only the files under it, named relative to it")
  void plainDirectoryAtPath() throws Exception {
    Map<String, byte[]> repo =
        tree().add("app/cm.yaml", configMap("in-app")).add("other/cm.yaml", configMap("other")).map();
    RenderResult result = renderer.render(repo, "app", DirectorySelection.defaults());
    assertThat(result.manifests()).singleElement().satisfies(m -> {
      assertThat(m.key().name()).isEqualTo("in-app");
      assertThat(m.origin()).isEqualTo("cm.yaml#1");
    });
  }
}
