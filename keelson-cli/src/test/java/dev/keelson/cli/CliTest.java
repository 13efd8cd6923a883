package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CLI end to end against a real control plane and a running controller. */
class CliTest {
  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonController controller;
  static String kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
    assertThat(run("install", "--kubeconfig", kubeconfig).code).isZero();
    controller = KeelsonController.start(client,
        ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null));
  }

  @AfterAll
  static void stop() {
    if (controller != null) controller.close();
    if (client != null) client.close();
  }

  record Result(int code, String out, String err) {}

  static synchronized Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = KeelsonCli.run(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  @DisplayName("install is idempotent")
  void installTwice() {
    assertThat(run("install", "--kubeconfig", kubeconfig).code).isZero();
    assertThat(run("install", "--kubeconfig", kubeconfig).code).isZero();
  }

  @Test
  @DisplayName("diff exits 1 with a unified diff before sync, sync applies and waits, diff then exits 0; list, get and history show the result")
  void diffSyncHistory() throws Exception {
    String ns = cluster.createNamespace("cli");
    Path dir = Files.createTempDirectory("keelson-cli-repo-");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(dir.resolve("cm.yaml"), """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: greeting
          data:
            text: hello from git
          """);
      Files.writeString(dir.resolve("secret.yaml"), """
          apiVersion: v1
          kind: Secret
          metadata:
            name: creds
          stringData:
            password: do-not-print-me
          """);
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@keelson.dev");
      git.commit().setMessage("first").setAuthor(who).setCommitter(who).call();
    }
    String app = """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: cli-app
          namespace: %s
        spec:
          source:
            repoURL: %s
        """.formatted(ns, dir.toUri());
    client.resources(Application.class).load(new ByteArrayInputStream(app.getBytes(StandardCharsets.UTF_8))).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      Application a = client.resources(Application.class).inNamespace(ns).withName("cli-app").get();
      return a.getStatus() != null && a.getStatus().sync != null && "OutOfSync".equals(a.getStatus().sync.status);
    });

    Result diff = run("app", "diff", "cli-app", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(diff.code).as(diff.err).isEqualTo(1);
    assertThat(diff.out).contains("+++ desired/ConfigMap/" + ns + "/greeting").contains("+  text: hello from git");
    assertThat(diff.out).doesNotContain("do-not-print-me");

    Result sync = run("app", "sync", "cli-app", "-n", ns, "--kubeconfig", kubeconfig, "--timeout", "60s");
    assertThat(sync.code).as(sync.out + sync.err).isZero();
    assertThat(sync.out).contains("Synced");
    assertThat(client.configMaps().inNamespace(ns).withName("greeting").get().getData()).containsEntry("text", "hello from git");

    Result clean = run("app", "diff", "cli-app", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(clean.code).as(clean.out + clean.err).isZero();
    assertThat(clean.out).isEmpty();

    // edited by hand: --explain names the field, both values and who changed it; secrets stay masked
    kubectl("-n", ns, "patch", "configmap", "greeting", "--type=merge", "--field-manager=kubectl-edit",
        "-p", "{\"data\":{\"text\":\"edited by hand\"}}");
    kubectl("-n", ns, "patch", "secret", "creds", "--type=merge", "--field-manager=kubectl-edit",
        "-p", "{\"stringData\":{\"password\":\"also-secret\"}}");
    Result explained = run("app", "diff", "cli-app", "--explain", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(explained.code).as(explained.err).isEqualTo(1);
    assertThat(explained.out).contains("ConfigMap/" + ns + "/greeting\n  data.text\n    live:     edited by hand\n"
        + "    desired:  hello from git\n    changed:  by kubectl-edit (Update) at ");
    assertThat(explained.out).contains("Secret/" + ns + "/creds\n  data.password").doesNotContain("also-secret")
        .doesNotContain("do-not-print-me").doesNotContain("YWxzby1zZWNyZXQ");
    Result data = run("app", "diff", "cli-app", "-o", "json", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(data.out).contains("\"manager\" : \"kubectl-edit\"").contains("\"classification\" : \"Person\"")
        .contains("\"change\" : \"update\"").doesNotContain("also-secret");
    Result resync = run("app", "sync", "cli-app", "-n", ns, "--kubeconfig", kubeconfig, "--timeout", "60s");
    assertThat(resync.code).as(resync.out + resync.err).isZero();

    Result list = run("app", "list", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(list.out).contains("cli-app").contains("Synced").contains("Healthy");
    Result json = run("app", "get", "cli-app", "-n", ns, "-o", "json", "--kubeconfig", kubeconfig);
    assertThat(json.out).contains("\"kind\" : \"Application\"").contains("\"status\"");
    Result history = run("app", "history", "cli-app", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(history.out).contains("Succeeded").contains(System.getProperty("user.name"));
  }

  /** The real kubectl against the test cluster, as a person would change it by hand. */
  static void kubectl(String... args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("kubectl", "--kubeconfig", kubeconfig));
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  /** The CLI in a process of its own, as a user runs it: its logging is configured from scratch. */
  static Result runProcess(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), KeelsonCli.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("keelson-cli-out-", ".txt");
    Path err = Files.createTempFile("keelson-cli-err-", ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("keelson " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  @DisplayName("commands print their result only: no library notices or progress logs on standard error; -v shows more")
  void quietOutput() throws Exception {
    String ns = cluster.createNamespace("quiet");
    Path dir = Files.createTempDirectory("keelson-cli-repo-");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: quiet\ndata:\n  a: b\n");
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@keelson.dev");
      git.commit().setMessage("first").setAuthor(who).setCommitter(who).call();
    }
    client.resources(Application.class).load(new ByteArrayInputStream("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: quiet, namespace: %s}
        spec:
          source: {repoURL: "%s"}
        """.formatted(ns, dir.toUri()).getBytes(StandardCharsets.UTF_8))).create();

    Result list = runProcess("app", "list", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(list.code).as(list.err).isZero();
    assertThat(list.out).contains("quiet");
    assertThat(list.err).isEmpty();
    Result diff = runProcess("app", "diff", "quiet", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(diff.out).contains("+++ desired/ConfigMap/" + ns + "/quiet");
    assertThat(diff.err).isEmpty();
    Result verbose = runProcess("app", "diff", "quiet", "-n", ns, "--kubeconfig", kubeconfig, "-v");
    assertThat(verbose.out).isEqualTo(diff.out);
    assertThat(verbose.err).contains("dev.keelson.source.GitSourceCache");
  }

  @Test
  @DisplayName("app manifests prints the desired objects as a sync applies them, Secret values masked, at any revision")
  void appManifests() throws Exception {
    String ns = cluster.createNamespace("manifests");
    Path dir = Files.createTempDirectory("keelson-cli-repo-");
    String first;
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      PersonIdent who = new PersonIdent("t", "t@keelson.dev");
      Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shown\ndata:\n  v: one\n");
      Files.writeString(dir.resolve("secret.yaml"),
          "apiVersion: v1\nkind: Secret\nmetadata:\n  name: hidden\nstringData:\n  password: do-not-print-me\n");
      git.add().addFilepattern(".").call();
      first = git.commit().setMessage("first").setAuthor(who).setCommitter(who).call().getName();
      Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shown\ndata:\n  v: two\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("second").setAuthor(who).setCommitter(who).call();
    }
    client.resources(Application.class).load(new ByteArrayInputStream(("apiVersion: keelson.dev/v1alpha1\n"
        + "kind: Application\nmetadata: {name: shown, namespace: " + ns + "}\n"
        + "spec:\n  source: {repoURL: \"" + dir.toUri() + "\"}\n").getBytes(StandardCharsets.UTF_8))).create();

    Result now = run("app", "manifests", "shown", "-n", ns, "--kubeconfig", kubeconfig);
    assertThat(now.code).as(now.err).isZero();
    assertThat(now.out).contains("kind: ConfigMap").contains("v: two").contains("namespace: " + ns)
        .contains("keelson.dev/tracking-id").contains("password: ++++++++").doesNotContain("do-not-print-me");
    assertThat(now.out.split("(?m)^---$")).hasSize(3);
    Result then = run("app", "manifests", "shown", "-n", ns, "--kubeconfig", kubeconfig, "--revision", first);
    assertThat(then.out).contains("v: one").doesNotContain("v: two");
  }

  @Test
  @DisplayName("app test runs a chart's test hooks against the live release, prints each result, exits 1 when one failed")
  void appTestRunsChartTests() throws Exception {
    String ns = cluster.createNamespace("charttest");
    Path dir = Files.createTempDirectory("keelson-cli-repo-");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.createDirectories(dir.resolve("chart/templates"));
      Files.writeString(dir.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: tested\nversion: 1.0.0\n");
      Files.writeString(dir.resolve("chart/templates/cm.yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tested\ndata:\n  a: b\n");
      for (String[] t : new String[][] {{"passes", "0"}, {"fails", "3"}}) {
        Files.writeString(dir.resolve("chart/templates/test-" + t[0] + ".yaml"), """
            apiVersion: v1
            kind: Pod
            metadata:
              name: "{{ .Release.Name }}-%s"
              annotations:
                helm.sh/hook: test
                keelson.dev/simulate-exit-code: "%s"
            spec:
              restartPolicy: Never
              containers:
              - name: check
                image: busybox:1.36
            """.formatted(t[0], t[1]));
      }
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@keelson.dev");
      git.commit().setMessage("chart").setAuthor(who).setCommitter(who).call();
    }
    client.resources(Application.class).load(new ByteArrayInputStream(("apiVersion: keelson.dev/v1alpha1\n"
        + "kind: Application\nmetadata: {name: tested, namespace: " + ns + "}\n"
        + "spec:\n  source: {repoURL: \"" + dir.toUri() + "\", path: chart}\n"
        + "  syncPolicy: {automated: {}}\n").getBytes(StandardCharsets.UTF_8))).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> client.configMaps().inNamespace(ns).withName("tested").get() != null);
    assertThat(client.pods().inNamespace(ns).list().getItems()).as("a sync never runs test hooks").isEmpty();

    Result r = run("app", "test", "tested", "-n", ns, "--kubeconfig", kubeconfig, "--timeout", "60s");
    assertThat(r.code).as(r.out + r.err).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out).containsPattern("Pod/tested-passes\\s+Succeeded").containsPattern("Pod/tested-fails\\s+Failed");
    assertThat(client.pods().inNamespace(ns).withName("tested-fails").get()).as("kept for its logs").isNotNull();
  }

  @Test
  @DisplayName("diff exits 2 on an error (unknown application)")
  void diffError() {
    Result r = run("app", "diff", "does-not-exist", "-n", "default", "--kubeconfig", kubeconfig);
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("not found");
  }
}
