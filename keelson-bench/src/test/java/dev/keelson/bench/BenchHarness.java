package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs a scenario command in-process against the shared test cluster and checks the common result fields. */
final class BenchHarness {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String stdout, String stderr, JsonNode json) {
    /** The failure message of an assertion: what the run printed. */
    String describe() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  private BenchHarness() {}

  static Run run(ScenarioCommand command, String... args) throws Exception {
    TestCluster cluster = TestCluster.shared();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("--kubeconfig");
    all.add(cluster.kubeconfigPath().toString());
    int code = cl.execute(all.toArray(String[]::new));
    String stdout = out.toString();
    String[] lines = stdout.strip().split("\n");
    JsonNode json = null;
    String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
    if (last.startsWith("{")) json = JSON.readTree(last);
    return new Run(code, stdout, err.toString(), json);
  }

  /** Exit 0, a JSON object on the last line with the fields every result carries, and nothing left behind. */
  static JsonNode assertSucceeded(Run run, String scenario) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.json()).as(run.describe()).isNotNull();
    JsonNode j = run.json();
    assertThat(j.path("scenario").asText()).isEqualTo(scenario);
    assertThat(OffsetDateTime.parse(j.path("date").asText())).isNotNull();
    assertThat(j.path("cores").asInt()).isPositive();
    assertThat(j.path("kubernetes_version").asText()).startsWith("v1.");
    assertThat(j.path("parameters").isObject()).isTrue();
    assertThat(j.path("warnings").isArray()).isTrue();
    assertThat(run.stderr()).contains("[bench " + scenario);
    assertNothingLeft(scenario);
    return j;
  }

  static void assertNothingLeft(String scenario) {
    try (KubernetesClient client = TestCluster.shared().newClient()) {
      assertThat(client.namespaces().withLabel(BenchContext.BENCH_LABEL, scenario).list().getItems())
          .as("namespaces of the %s run after cleanup", scenario).isEmpty();
    }
  }

  static void assertPositive(JsonNode j, String... fields) {
    for (String f : fields) {
      assertThat(j.has(f)).as("field %s in %s", f, j).isTrue();
      assertThat(j.path(f).isNumber()).as("field %s is a number in %s", f, j).isTrue();
      assertThat(j.path(f).asDouble()).as("field %s in %s", f, j).isPositive();
    }
  }

  static void assertNonNegative(JsonNode j, String... fields) {
    for (String f : fields) {
      assertThat(j.has(f)).as("field %s in %s", f, j).isTrue();
      assertThat(j.path(f).isNumber()).as("field %s is a number in %s", f, j).isTrue();
      assertThat(j.path(f).asDouble()).as("field %s in %s", f, j).isGreaterThanOrEqualTo(0);
    }
  }
}
