package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operator commands end to end: the CLI asks, a running controller acts, the CLI reports. */
class CliOrchestrationTest {
  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonController controller;
  static String kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
    assertThat(CliTest.run("install", "--kubeconfig", kubeconfig).code()).isZero();
    controller = KeelsonController.start(client,
        ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null));
  }

  @AfterAll
  static void stop() {
    if (controller != null) controller.close();
    if (client != null) client.close();
  }

  private static String commit(Git git, Path dir, String value) throws Exception {
    Files.writeString(dir.resolve("cm.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          value: "%s"
        """.formatted(value));
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("t", "t@keelson.dev");
    return git.commit().setMessage("value " + value).setAuthor(who).setCommitter(who).call().getName();
  }

  private static CliTest.Result keelson(String ns, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-n";
    all[args.length + 1] = ns;
    all[args.length + 2] = "--kubeconfig";
    all[args.length + 3] = kubeconfig;
    return CliTest.run(all);
  }

  private static String value(String ns) {
    var cm = client.configMaps().inNamespace(ns).withName("settings").get();
    return cm == null ? null : cm.getData().get("value");
  }

  @Test
  @DisplayName("approve, wait, history, rollback and --clear, suspend and resume, all through the CLI")
  void operatorCommands() throws Exception {
    String ns = cluster.createNamespace("cli-ops");
    Path dir = Files.createTempDirectory("keelson-cli-ops-");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      String v1 = commit(git, dir, "1");
      String app = """
          apiVersion: keelson.dev/v1alpha1
          kind: Application
          metadata:
            name: gated
            namespace: %s
          spec:
            interval: 2s
            source:
              repoURL: %s
            syncPolicy:
              automated: {prune: true}
              approval: {required: true}
          """.formatted(ns, dir.toUri());
      client.resources(Application.class).load(new ByteArrayInputStream(app.getBytes(StandardCharsets.UTF_8))).create();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        Application a = client.resources(Application.class).inNamespace(ns).withName("gated").get();
        return a.getStatus() != null && a.getStatus().pendingApproval != null;
      });
      CliTest.Result pending = keelson(ns, "app", "get", "gated");
      assertThat(pending.out()).contains("awaits approval").contains(v1);
      assertThat(value(ns)).isNull();

      CliTest.Result approve = keelson(ns, "app", "approve", "gated", "--timeout", "60s");
      assertThat(approve.code()).as(approve.out() + approve.err()).isZero();
      CliTest.Result waited = keelson(ns, "app", "wait", "gated", "--timeout", "60s");
      assertThat(waited.code()).as(waited.out() + waited.err()).isZero();
      assertThat(value(ns)).isEqualTo("1");

      String v2 = commit(git, dir, "2");
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        Application a = client.resources(Application.class).inNamespace(ns).withName("gated").get();
        return a.getStatus().pendingApproval != null && v2.equals(a.getStatus().pendingApproval.revision);
      });
      assertThat(keelson(ns, "app", "approve", "gated", "--revision", v2, "--timeout", "60s").code()).isZero();
      await().atMost(Duration.ofSeconds(60)).until(() -> "2".equals(value(ns)));

      CliTest.Result history = keelson(ns, "app", "history", "gated");
      assertThat(history.out()).contains("Approve").contains(System.getProperty("user.name"));
      Application a = client.resources(Application.class).inNamespace(ns).withName("gated").get();
      long firstSync = a.getStatus().history.stream()
          .filter(h -> "Sync".equals(h.action) && v1.equals(h.revision)).findFirst().orElseThrow().id;

      CliTest.Result rollback = keelson(ns, "app", "rollback", "gated", Long.toString(firstSync), "--timeout", "60s");
      assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
      await().atMost(Duration.ofSeconds(60)).until(() -> "1".equals(value(ns)));
      assertThat(keelson(ns, "app", "get", "gated").out()).contains("Pinned").contains(v1);
      CliTest.Result pinnedDiff = keelson(ns, "app", "diff", "gated");
      assertThat(pinnedDiff.code()).as("a pinned app is diffed at its pinned revision: " + pinnedDiff.out()).isZero();

      CliTest.Result clear = keelson(ns, "app", "rollback", "gated", "--clear", "--timeout", "60s");
      assertThat(clear.code()).as(clear.out() + clear.err()).isZero();
      // back to tracking the source: on an approval-gated app the source revision waits for approval again
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        Application b = client.resources(Application.class).inNamespace(ns).withName("gated").get();
        return b.getStatus().pendingApproval != null && v2.equals(b.getStatus().pendingApproval.revision);
      });
      assertThat(value(ns)).isEqualTo("1");
      assertThat(keelson(ns, "app", "approve", "gated", "--timeout", "60s").code()).isZero();
      await().atMost(Duration.ofSeconds(60)).until(() -> "2".equals(value(ns)));

      assertThat(keelson(ns, "app", "suspend", "gated", "--timeout", "60s").code()).isZero();
      assertThat(keelson(ns, "app", "get", "gated").out()).contains("Suspended");
      commit(git, dir, "3");
      CliTest.Result refused = keelson(ns, "app", "sync", "gated", "--timeout", "60s");
      assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
      assertThat(refused.err()).contains("did not start the sync: syncing is suspended");
      assertThat(value(ns)).isEqualTo("2");
      assertThat(keelson(ns, "app", "resume", "gated", "--timeout", "60s").code()).isZero();
      assertThat(keelson(ns, "app", "history", "gated").out()).contains("Suspend").contains("Resume");
    }
  }
}
