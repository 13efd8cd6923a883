package dev.keelson.render;

import static dev.keelson.render.SourceFiles.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process handling around kustomize, with small shell scripts standing in for the binary. */
class KustomizeProcessTest {

  @TempDir Path scratch;

  private static Renderer withScript(String script, Duration timeout) {
    // The build directory is appended to the command and arrives as "$1".
    return new Renderer(timeout, List.of("/bin/sh", "-c", script, "sh"));
  }

  @Test
  void buildsFromAPrivateCopyThatIsDeletedAfterwards() throws Exception {
    Path record = scratch.resolve("record");
    String script =
        "echo \"$1\" > '" + record + "'; stat -c %a \"$1/..\" >> '" + record + "'; cat \"$1/cm.yaml\"";
    var files =
        tree()
            .add("kustomization.yaml", "resources: [cm.yaml]\n")
            .add("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-copy\n")
            .map();

    RenderResult result = withScript(script, Duration.ofSeconds(10)).render(files, null);

    assertThat(result.manifests()).extracting(Manifest::origin).containsExactly("kustomize#1");
    List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
    Path buildDir = Path.of(lines.get(0));
    assertThat(lines.get(1)).isEqualTo("700");
    assertThat(buildDir).doesNotExist();
    assertThat(buildDir.getParent()).doesNotExist();
  }

  @Test
  void killsABuildThatTakesTooLong() {
    var files = tree().add("kustomization.yaml", "resources: []\n").map();
    Renderer slow = withScript("exec sleep 30", Duration.ofMillis(300));

    long start = System.nanoTime();
    assertThatThrownBy(() -> slow.render(files, null))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("kustomization.yaml: kustomize build timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void unparsableOutputIsARenderError() {
    var files = tree().add("kustomization.yaml", "resources: []\n").map();
    Renderer broken = withScript("printf 'apiVersion: v1\\nkind: ConfigMap\\n'", Duration.ofSeconds(10));
    assertThatThrownBy(() -> broken.render(files, null))
        .isInstanceOf(RenderException.class)
        .hasMessage("kustomization.yaml: kustomize output: kustomize: document 1 (ConfigMap): missing metadata.name");
  }

  @Test
  void klogWrappingAndTemporaryPathsAreRemovedFromErrors() {
    String stderr =
        "E1126 14:48:25.984211   28260 run.go:72] \"command failed\" err=\"accumulating resources:"
            + " evalsymlink failure on '/tmp/keelson-render-1/src/missing.yaml' : lstat"
            + " /tmp/keelson-render-1/src/missing.yaml: no such file or directory\"\n";
    assertThat(Kustomize.cleanError(stderr, Path.of("/tmp/keelson-render-1/src")))
        .isEqualTo(
            "accumulating resources: evalsymlink failure on 'missing.yaml' : lstat missing.yaml:"
                + " no such file or directory");
  }

  @Test
  void duplicatesInTheOutputAreReportedAgainstTheKustomization() {
    var files = tree().add("kustomization.yaml", "resources: []\n").map();
    String cm = "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: cfg\\n";
    Renderer dup = withScript("printf '" + cm + "---\\n" + cm + "'", Duration.ofSeconds(10));

    assertThatThrownBy(() -> dup.render(files, null))
        .isInstanceOf(RenderException.class)
        .hasMessage("duplicate object ConfigMap/cfg: defined in kustomize#1 and kustomize#2")
        .satisfies(e -> assertThat(((RenderException) e).file()).isEqualTo("kustomization.yaml"));
  }
}
