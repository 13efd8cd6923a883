package dev.keelson.render;

import static dev.keelson.render.SourceFiles.configMap;
import static dev.keelson.render.SourceFiles.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.keelson.core.manifest.DirectorySelection;
import dev.keelson.core.model.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectoryRenderTest {

  private final Renderer renderer = new Renderer();

  @Test
  void parsesSelectedFilesInSortedPathOrder() throws Exception {
    Map<String, byte[]> files =
        tree()
            .add("b.yaml", configMap("b"))
            .add("a.yml", configMap("a1") + "---\n" + configMap("a2"))
            .add("c.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}")
            .add("README.md", "# not a manifest")
            .add("sub/d.yaml", configMap("d"))
            .add(".hidden.yaml", configMap("hidden"))
            .map();

    RenderResult result = renderer.render(files, DirectorySelection.defaults());

    assertThat(result.engine()).isEqualTo("directory").isEqualTo(RenderResult.DIRECTORY);
    assertThat(result.manifests())
        .extracting(Manifest::origin)
        .containsExactly("a.yml#1", "a.yml#2", "b.yaml#1", "c.json#1");
    assertThat(result.manifests()).extracting(m -> m.key().name()).containsExactly("a1", "a2", "b", "c");
  }

  @Test
  void recursesAndFiltersWithTheSelection() throws Exception {
    Map<String, byte[]> files =
        tree()
            .add("apps/web.yaml", configMap("web"))
            .add("apps/test/web-test.yaml", configMap("web-test"))
            .add("top.yaml", configMap("top"))
            .map();

    RenderResult result =
        renderer.render(files, new DirectorySelection(true, List.of("apps/**"), List.of("*-test.yaml")));

    assertThat(result.manifests()).extracting(m -> m.key().name()).containsExactly("web");
  }

  @Test
  void nullSelectionMeansDefaults() throws Exception {
    Map<String, byte[]> files = tree().add("a.yaml", configMap("a")).add("x/b.yaml", configMap("b")).map();
    assertThat(renderer.render(files, null).manifests()).hasSize(1);
  }

  @Test
  void emptyDirectoryRendersNothing() throws Exception {
    assertThat(renderer.render(Map.of(), DirectorySelection.defaults()).manifests()).isEmpty();
  }

  @Test
  void aBrokenFileFailsTheWholeRender() {
    Map<String, byte[]> files =
        tree()
            .add("a.yaml", configMap("a"))
            .add("deploy/web.yaml", configMap("ok") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x: y\n")
            .add("z.yaml", configMap("z"))
            .map();

    assertThatThrownBy(() -> renderer.render(files, new DirectorySelection(true, List.of(), List.of())))
        .isInstanceOf(RenderException.class)
        .hasMessage("deploy/web.yaml: document 2: mapping values are not allowed here (line 11, column 10)")
        .asInstanceOf(type(RenderException.class))
        .extracting(RenderException::file)
        .isEqualTo("deploy/web.yaml");
  }

  @Test
  void anInvalidObjectFailsTheRenderWithTheParserMessage() {
    Map<String, byte[]> files = tree().add("cm.yaml", "kind: ConfigMap\nmetadata:\n  name: cfg\n").map();
    assertThatThrownBy(() -> renderer.render(files, DirectorySelection.defaults()))
        .isInstanceOf(RenderException.class)
        .hasMessage("cm.yaml: document 1 (ConfigMap/cfg): missing apiVersion");
  }

  @Test
  void duplicateObjectsNameBothOrigins() {
    Map<String, byte[]> files =
        tree().add("a.yaml", configMap("cfg")).add("b.yaml", configMap("other") + "---\n" + configMap("cfg")).map();

    assertThatThrownBy(() -> renderer.render(files, DirectorySelection.defaults()))
        .isInstanceOf(RenderException.class)
        .hasMessage("duplicate object ConfigMap/cfg: defined in a.yaml#1 and b.yaml#2")
        .asInstanceOf(type(RenderException.class))
        .extracting(RenderException::file)
        .isEqualTo("b.yaml");
  }

  @Test
  void sameNameInDifferentNamespacesOrKindsIsNotADuplicate() throws Exception {
    String withNs = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: other}\n";
    String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: cfg}\n";
    Map<String, byte[]> files =
        tree().add("a.yaml", configMap("cfg")).add("b.yaml", withNs).add("c.yaml", secret).map();
    assertThat(renderer.render(files, DirectorySelection.defaults()).manifests()).hasSize(3);
  }

  @Test
  void nonUtf8FileIsReported() {
    Map<String, byte[]> files = tree().addBytes("bin.yaml", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}).map();
    assertThatThrownBy(() -> renderer.render(files, DirectorySelection.defaults()))
        .isInstanceOf(RenderException.class)
        .hasMessage("bin.yaml: file is not valid UTF-8 text");
  }

  @Test
  void pathsLeavingTheTreeAreRefused() {
    Map<String, byte[]> files = tree().add("../evil.yaml", configMap("x")).map();
    assertThatThrownBy(() -> renderer.render(files, DirectorySelection.defaults()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("invalid file path '../evil.yaml'");
  }

  @Test
  void resultListIsImmutable() throws Exception {
    RenderResult result =
        renderer.render(tree().add("a.yaml", configMap("a")).map(), DirectorySelection.defaults());
    assertThatThrownBy(() -> result.manifests().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
