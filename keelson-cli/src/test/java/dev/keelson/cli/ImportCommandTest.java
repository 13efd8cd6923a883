package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.cli.imports.ImportDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code keelson import} on files: what goes to standard output, to standard error, and the exit code. */
class ImportCommandTest {
  private static final Path FIXTURES = Path.of("src/test/resources/imports");

  @Test
  @DisplayName("a directory is read recursively, Helm values in it skipped: objects on standard output as YAML documents, one warning per line on standard error, exit 0")
  void directory() {
    CliTest.Result r = CliTest.run("import", "flux", "-f", FIXTURES.resolve("flux").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    List<Map<String, Object>> objects = ImportDocuments.parse("out", r.out());
    assertThat(objects).extracting(o -> (Object) ((Map<?, ?>) o.get("metadata")).get("name"))
        .containsExactly("apps", "ingress", "redis", "flux-system", "infra-controllers", "infra-configs", "podinfo");
    assertThat(r.out()).startsWith("---\n");
    assertThat(r.err().lines()).isNotEmpty().allMatch(l -> l.startsWith("warning: "));
  }

  @Test
  @DisplayName("import is a keelson command; its help names the tools, the inputs and the report")
  void help() {
    CliTest.Result r = CliTest.run("import", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("argocd|flux").contains("--from-cluster").contains("-f, --filename=FILE")
        .contains("warning: KIND/NAMESPACE/NAME: PATH: WHY");
  }

  @Test
  @DisplayName("-o json prints one List")
  void json() {
    CliTest.Result r = CliTest.run("import", "argocd", "-f", FIXTURES.resolve("argocd/guestbook.yaml").toString(),
        "-o", "json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("{").contains("\"kind\" : \"List\"");
    assertThat(ImportDocuments.parse("out", r.out())).singleElement()
        .satisfies(o -> assertThat(o.get("kind")).isEqualTo("Application"));
  }

  @Test
  @DisplayName("unparsable input exits 2 naming the file and the document, and prints no objects")
  void unparsable() throws Exception {
    Path bad = Files.createTempFile("keelson-import-bad-", ".yaml");
    Files.writeString(bad, "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a\n");
    CliTest.Result r = CliTest.run("import", "argocd", "-f", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).startsWith("error: " + bad + ": document 1 is not YAML or JSON");
    assertThat(r.out()).isEmpty();
  }

  @Test
  @DisplayName("a missing file, an unknown tool, an unknown format, or neither -f nor --from-cluster: exit 2 with a message")
  void usage() {
    CliTest.Result missing = CliTest.run("import", "flux", "-f", "/does/not/exist.yaml");
    assertThat(missing.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(missing.err()).isEqualTo("error: /does/not/exist.yaml: no such file or directory\n");

    CliTest.Result tool = CliTest.run("import", "spinnaker", "-f", "x.yaml");
    assertThat(tool.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(tool.err()).contains("unknown tool 'spinnaker' (argocd or flux)");

    CliTest.Result format = CliTest.run("import", "flux", "-f", FIXTURES.resolve("flux").toString(), "-o", "xml");
    assertThat(format.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(format.err()).contains("unknown output format 'xml' (yaml or json)");

    CliTest.Result neither = CliTest.run("import", "argocd");
    assertThat(neither.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(neither.err()).contains("Missing required argument");

    CliTest.Result both = CliTest.run("import", "argocd", "-f", "x.yaml", "--from-cluster");
    assertThat(both.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(both.err()).contains("mutually exclusive");
  }
}
