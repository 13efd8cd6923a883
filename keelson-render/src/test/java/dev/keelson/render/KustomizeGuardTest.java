package dev.keelson.render;

import static dev.keelson.render.SourceFiles.configMap;
import static dev.keelson.render.SourceFiles.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.keelson.core.manifest.DirectorySelection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Refusals happen before kustomize runs, so these tests use a command that fails loudly if it is
 * ever started.
 */
class KustomizeGuardTest {

  private final Renderer renderer =
      new Renderer(Duration.ofSeconds(10), List.of("/bin/sh", "-c", "echo kustomize must not run >&2; exit 99", "sh"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/example/app//deploy?ref=v1.0.0",
        "github.com/example/app/deploy?ref=main",
        "git@github.com:example/app.git",
        "git::https://example.com/app.git",
        "ssh://git@example.com/app.git",
        "http://example.com/manifests.yaml",
        "gitlab.com/example/app",
        "example.com/org/repo.git//deploy"
      })
  void refusesRemoteBases(String ref) {
    var files = tree().add("kustomization.yaml", "resources:\n  - '" + ref + "'\n").map();

    assertThatThrownBy(() -> renderer.render(files, DirectorySelection.defaults()))
        .isInstanceOf(RenderException.class)
        .hasMessage("kustomization.yaml: remote base '" + ref + "' is not allowed")
        .asInstanceOf(type(RenderException.class))
        .extracting(RenderException::file)
        .isEqualTo("kustomization.yaml");
  }

  @Test
  void refusesRemoteBasesInNestedKustomizationsAndOtherFields() {
    var nested =
        tree()
            .add("kustomization.yaml", "resources: [overlays/prod]\n")
            .add("overlays/prod/kustomization.yaml", "bases:\n  - github.com/example/base\n")
            .map();
    assertThatThrownBy(() -> renderer.render(nested, null))
        .hasMessage("overlays/prod/kustomization.yaml: remote base 'github.com/example/base' is not allowed");

    var components =
        tree().add("Kustomization", "components: ['https://example.com/c.git']\n").map();
    assertThatThrownBy(() -> renderer.render(components, null))
        .hasMessage("Kustomization: remote base 'https://example.com/c.git' is not allowed");
  }

  @Test
  void remoteReferenceHiddenBehindAnAliasIsStillSeen() {
    var files =
        tree()
            .add("kustomization.yaml", "x: &remote https://example.com/app.git\nresources: [*remote]\n")
            .map();
    assertThatThrownBy(() -> renderer.render(files, null))
        .hasMessage("kustomization.yaml: remote base 'https://example.com/app.git' is not allowed");
  }

  @Test
  void refusesHelmChartsFromRepositories() {
    var files =
        tree()
            .add("kustomization.yaml",
                """
                helmCharts:
                  - name: redis
                    repo: https://charts.bitnami.com/bitnami
                    version: 17.0.0
                """)
            .map();
    assertThatThrownBy(() -> renderer.render(files, null))
        .hasMessage(
            "kustomization.yaml: remote Helm chart repository 'https://charts.bitnami.com/bitnami' is not allowed");
  }

  @Test
  void refusesPathsEscapingTheApplicationDirectory() {
    var base = tree().add("kustomization.yaml", "resources: [../../base]\n").map();
    assertThatThrownBy(() -> renderer.render(base, null))
        .hasMessage("kustomization.yaml: path '../../base' escapes the repository");

    var nestedOk = tree()
        .add("kustomization.yaml", "resources: [overlay]\n")
        .add("overlay/kustomization.yaml", "resources: [../base/../base/../../secrets]\n")
        .map();
    assertThatThrownBy(() -> renderer.render(nestedOk, null))
        .hasMessage("overlay/kustomization.yaml: path '../base/../base/../../secrets' escapes the repository");

    var patch = tree()
        .add("kustomization.yaml", "resources: [cm.yaml]\npatches:\n  - path: ../../etc/patch.yaml\n")
        .add("cm.yaml", configMap("a"))
        .map();
    assertThatThrownBy(() -> renderer.render(patch, null))
        .hasMessage("kustomization.yaml: path '../../etc/patch.yaml' escapes the repository");

    var generator = tree()
        .add("kustomization.yaml", "configMapGenerator:\n  - name: c\n    files: [key=../../../etc/passwd]\n")
        .map();
    assertThatThrownBy(() -> renderer.render(generator, null))
        .hasMessageContaining("'../../../etc/passwd' escapes the repository");

    var absolute = tree().add("kustomization.yaml", "resources: [/etc/kubernetes]\n").map();
    assertThatThrownBy(() -> renderer.render(absolute, null))
        .hasMessage("kustomization.yaml: absolute path '/etc/kubernetes' is not allowed");
  }

  @Test
  void refusesResourcesMissingFromTheTree() {
    var files = tree().add("kustomization.yaml", "resources: [example.com/team/manifests]\n").map();
    assertThatThrownBy(() -> renderer.render(files, null))
        .hasMessageStartingWith(
            "kustomization.yaml: resource 'example.com/team/manifests' does not exist in the repository");
  }

  @Test
  void reportsInvalidKustomizationYaml() {
    var broken = tree().add("kustomization.yaml", "resources: [a\n").map();
    assertThatThrownBy(() -> renderer.render(broken, null))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("kustomization.yaml: invalid kustomization:");

    var duplicate = tree().add("kustomization.yaml", "resources: [a.yaml]\nresources: [b.yaml]\n").map();
    assertThatThrownBy(() -> renderer.render(duplicate, null))
        .hasMessageStartingWith("kustomization.yaml: invalid kustomization:")
        .hasMessageContaining("duplicate key resources");
  }

  @Test
  void localReferencesPassTheGuard() {
    var files =
        tree()
            .add("kustomization.yaml", "resources: [./base, cm.yaml]\npatches:\n  - path: base/../patch.yaml\n")
            .add("base/kustomization.yaml", "resources: [../shared/x.yaml]\n")
            .add("shared/x.yaml", configMap("x"))
            .add("cm.yaml", configMap("a"))
            .add("patch.yaml", configMap("a"))
            .map();
    // The guard accepts it, so the (fake) kustomize runs and its failure is what gets reported.
    assertThatThrownBy(() -> renderer.render(files, null))
        .isInstanceOf(RenderException.class)
        .hasMessage("kustomization.yaml: kustomize build failed: kustomize must not run");
  }

  @Test
  void kustomizationsTheBuildDoesNotReachAreNotChecked() {
    var files =
        tree()
            .add("apps/guestbook/kustomization.yaml", "namePrefix: kustomize-\nresources: [../../bases/web]\n")
            .add("bases/web/kustomization.yaml", "resources: [cm.yaml]\n")
            .add("bases/web/cm.yaml", configMap("a"))
            // A plugin's kustomization elsewhere in the repository that would not build, and one
            // with a remote base: neither is part of this application's build.
            .add("plugins/generator/kustomization.yaml", "resources: [./all.yaml]\n")
            .add("other/kustomization.yaml", "resources: [github.com/example/base]\n")
            .map();
    assertThatThrownBy(() -> renderer.render(files, "apps/guestbook", null))
        .isInstanceOf(RenderException.class)
        .hasMessage("apps/guestbook/kustomization.yaml: kustomize build failed: kustomize must not run");
  }

  @Test
  void reachedKustomizationsAreCheckedTransitivelyAndOnlyOnce() {
    var files =
        tree()
            .add("app/kustomization.yaml", "resources: [../mid, ../mid]\n")
            .add("mid/kustomization.yaml", "components: [../comp]\nresources: [../app]\n")
            .add("comp/kustomization.yaml", "resources: [https://example.com/x.yaml]\n")
            .map();
    assertThatThrownBy(() -> renderer.render(files, "app", null))
        .hasMessage("comp/kustomization.yaml: remote base 'https://example.com/x.yaml' is not allowed");
  }

  @Test
  void remoteDetection() {
    assertThat(KustomizeGuard.isRemote("base")).isFalse();
    assertThat(KustomizeGuard.isRemote("../base")).isFalse();
    assertThat(KustomizeGuard.isRemote("github.com/org/repo")).isTrue();
    assertThat(KustomizeGuard.isRemote("https://example.com/x.yaml")).isTrue();
  }
}
