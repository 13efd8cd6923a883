package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.cli.CliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `keelson render` with no cluster: directories, kustomizations and charts read from local disk. */
class RenderCommandTest {

  @TempDir Path dir;

  /** The in-process runner every CLI test uses; this class needs no cluster. */
  static Result run(String... args) {
    return CliTest.run(args);
  }

  private Path write(String rel, String text) throws Exception {
    Path file = dir.resolve(rel);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private static String cm(String name, String key, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  " + key + ": " + value + "\n";
  }

  private void chart(String chartDir, String kubeVersion) throws Exception {
    write(chartDir + "/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n"
        + (kubeVersion == null ? "" : "kubeVersion: \"" + kubeVersion + "\"\n"));
    write(chartDir + "/values.yaml", "color: chart\nsize: chart\nowner: chart\n");
    write(chartDir + "/templates/cm.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-web
          namespace: {{ .Release.Namespace }}
        data:
          color: {{ .Values.color | quote }}
          size: {{ .Values.size | quote }}
          owner: {{ .Values.owner | quote }}
          mode: {{ if .Release.IsUpgrade }}upgrade{{ else }}install{{ end }}
        """);
  }

  @Test
  void aPlainDirectoryPrintsEachObjectWithSecretValuesMaskedTopDirectoryOnly() throws Exception {
    write("app/a-cm.yaml", cm("cfg", "k", "v"));
    write("app/b-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: hunter2\n");
    write("app/nested/c-cm.yaml", cm("nested", "k", "deep"));
    write("app/notes.txt", "not a manifest\n");

    Result r = run("render", dir.resolve("app").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out().split("(?m)^---$", -1)).hasSize(3);
    assertThat(r.out()).startsWith("---\n").contains("name: cfg").contains("name: creds")
        .contains("password:").doesNotContain("hunter2")
        // DirectorySelection.defaults(), as an Application without directory options: no recursion
        .doesNotContain("name: nested");

    Result withValues = run("render", dir.resolve("app").toString(), "--set", "a=b");
    assertThat(withValues.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(withValues.err()).startsWith("error: ").contains("not a Helm chart");
  }

  @Test
  void aKustomizationUsesABaseElsewhereInTheWorkTreeAndIgnoredFilesAreNotRead() throws Exception {
    Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call().close();
    write(".gitignore", "target/\n");
    write("base/kustomization.yaml", "resources:\n- cm.yaml\n");
    write("base/cm.yaml", cm("settings", "level", "base"));
    write("overlays/prod/kustomization.yaml", "resources:\n- ../../base\nnamePrefix: prod-\n");
    // ignored by the work tree: never read, so its broken YAML does not matter
    write("overlays/prod/target/junk.yaml", "a: [\n");
    write("plain/target/junk.yaml", "a: [\n");
    write("plain/cm.yaml", cm("plain", "k", "v"));

    Result r = run("render", dir.resolve("overlays/prod").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("name: prod-settings").contains("level: base");
    LocalTree plain = LocalTree.read(dir.resolve("plain"));
    assertThat(plain.root()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(plain.path()).isEqualTo("plain");
    assertThat(plain.files()).containsKeys("plain/cm.yaml", "base/cm.yaml", ".gitignore")
        .doesNotContainKeys("plain/target/junk.yaml", "overlays/prod/target/junk.yaml");
    assertThat(plain.files().keySet()).noneMatch(k -> k.startsWith(".git/"));

    // the directory asked for is read even when the work tree ignores it
    write("target/generated/cm.yaml", cm("generated", "k", "v"));
    Result generated = run("render", dir.resolve("target/generated").toString());
    assertThat(generated.code()).as(generated.err()).isZero();
    assertThat(generated.out()).contains("name: generated");
    assertThat(LocalTree.read(dir.resolve("target/generated")).files()).containsKey("target/generated/cm.yaml")
        .doesNotContainKey("overlays/prod/target/junk.yaml");
  }

  @Test
  void aRemoteBaseIsRefused() throws Exception {
    write("app/kustomization.yaml", "resources:\n- https://github.com/example/repo//base?ref=main\n");

    Result r = run("render", dir.resolve("app").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).startsWith("error: ").contains("kustomization.yaml");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aChartTakesValuesFilesInOrderAndSetWins(@TempDir Path elsewhere) throws Exception {
    chart("charts/web", null);
    Path first = Files.writeString(elsewhere.resolve("first.yaml"), "color: first\nsize: first\n");
    Path second = Files.writeString(elsewhere.resolve("second.yaml"), "color: second\n");

    Result r = run("render", dir.resolve("charts/web").toString(),
        "--values", first.toString(), "--values", second.toString(), "--set", "color=set",
        "--set-string", "owner=007", "--release-name", "shop", "--namespace", "prod");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("name: shop-web").contains("namespace: prod")
        .contains("color: set").contains("size: first").contains("owner: \"007\"");
  }

  @Test
  void aChartRendersAsAnInstallUnlessUpgradeIsAsked() throws Exception {
    chart("web", null);
    assertThat(run("render", dir.resolve("web").toString()).out()).contains("mode: install");
    assertThat(run("render", dir.resolve("web").toString(), "--upgrade").out()).contains("mode: upgrade");
  }

  @Test
  void aChartsKubeVersionIsCheckedAgainstKubeVersion() throws Exception {
    chart("web", ">=1.23");

    Result without = run("render", dir.resolve("web").toString());
    assertThat(without.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(without.err()).startsWith("error: ").contains("Chart.yaml").contains("kubeVersion");

    Result with = run("render", dir.resolve("web").toString(), "--kube-version", "1.23.0");
    assertThat(with.code()).as(with.err()).isZero();
    assertThat(with.out()).contains("name: release-name-web");
  }

  @Test
  void aBrokenTemplateExitsTwoNamingTheTemplate() throws Exception {
    chart("web", null);
    write("web/templates/broken.yaml", "a: {{ include \"no-such-template\" . }}\n");

    Result r = run("render", dir.resolve("web").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).startsWith("error: ").contains("templates/broken.yaml");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void missingPathsAndValuesFilesAreNamed() throws Exception {
    Result noDir = run("render", dir.resolve("nowhere").toString());
    assertThat(noDir.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(noDir.err()).startsWith("error: ").contains("nowhere");

    chart("web", null);
    Result noValues = run("render", dir.resolve("web").toString(), "--values", dir.resolve("missing.yaml").toString());
    assertThat(noValues.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(noValues.err()).startsWith("error: ").contains("missing.yaml");
  }

  @Test
  void theReadmeListsTheCommand() throws Exception {
    Path readme = Path.of("..", "README.md");
    assertThat(Files.readAllLines(readme)).anyMatch(l -> l.startsWith("./keelson render "));
  }
}
