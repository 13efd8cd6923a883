package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.auth.AuthOptions;
import dev.keelson.auth.KeelsonAuth;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import dev.keelson.server.KeelsonServer;
import dev.keelson.server.ServerOptions;
import dev.keelson.server.login.LoginRoutes;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code app list/get/diff/sync --server}: the commands go through a real API server (with
 * keelson-auth and RBAC) beside a real controller, logged in by {@code keelson login}, and given
 * no kubeconfig at all.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AppThroughServerTest {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonAuth auth;
  static KeelsonController controller;
  static KeelsonServer server;
  static String controllerNs;
  static String ns;
  static String url;
  static Path config;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
    controllerNs = cluster.createNamespace("clisrv-ctl");
    ns = cluster.createNamespace("clisrv");
    auth = KeelsonAuth.start(client, AuthOptions.defaults().withNamespace(controllerNs));
    controller = KeelsonController.start(client, ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
        .withMetricsPort(0).withLeaseNamespace(null).withNamespaces(Set.of(ns)).withControllerNamespace(controllerNs));
    server = KeelsonServer.start(client, ServerOptions.defaults(Files.createTempDirectory("keelson-server-cache-"))
        .withPort(0).withControllerNamespace(controllerNs), auth.authenticator(), auth.authorizer(),
        List.of(new LoginRoutes(auth)));
    url = "http://127.0.0.1:" + server.port();
    config = Files.createTempDirectory("keelson-cli-home-").resolve("keelson").resolve("config");

    Path dir = Files.createTempDirectory("keelson-cli-repo-");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: greeting\ndata:\n  text: hello from git\n");
      Files.writeString(dir.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: do-not-print-me\n");
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@keelson.dev");
      git.commit().setMessage("first").setAuthor(who).setCommitter(who).call();
    }
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: web, namespace: %s, labels: {team: a}}
        spec:
          source: {repoURL: "%s"}
          destination: {namespace: %s}
        """.formatted(ns, dir.toUri(), ns), Application.class)).create();
    await().atMost(TIMEOUT).until(() -> {
      Application a = client.resources(Application.class).inNamespace(ns).withName("web").get();
      return a.getStatus() != null && a.getStatus().sync != null && "OutOfSync".equals(a.getStatus().sync.status);
    });
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (controller != null) controller.close();
    if (auth != null) auth.close();
    if (client != null) client.close();
  }

  private static String adminPassword() {
    Secret s = client.secrets().inNamespace(controllerNs).withName("keelson-initial-admin").get();
    return new String(Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8);
  }

  private static CliTest.Result app(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("app"));
    all.addAll(List.of(args));
    all.addAll(List.of("--server", url, "--config", config.toString(), "-n", ns));
    return CliTest.run(all.toArray(String[]::new));
  }

  @Test
  @DisplayName("before a login the commands say how to log in; after it, list, get, diff and sync go through the API"
      + " as the logged-in user, and print what the cluster path prints")
  void throughTheServer() throws Exception {
    CliTest.Result notLoggedIn = app("list");
    assertThat(notLoggedIn.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(notLoggedIn.err()).contains("not logged in to " + url).contains("keelson login --server " + url);

    CliTest.Result login = LoginCommandTest.withStdin(adminPassword() + "\n", "login", "--server", url,
        "--username", "admin", "--password-stdin", "--config", config.toString());
    assertThat(login.code()).as(login.err()).isZero();

    CliTest.Result list = app("list");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("NAMESPACE", "SYNC", "HEALTH").contains(ns).contains("web").contains("OutOfSync");
    assertThat(app("list", "-o", "json").out()).contains("\"name\" : \"web\"").contains("\"team\" : \"a\"");

    CliTest.Result get = app("get", "web");
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.out()).contains("Name:        " + ns + "/web").contains("Sync Status: OutOfSync")
        .contains("Sync Policy: Manual");
    assertThat(app("get", "nope").err()).contains("application " + ns + "/nope not found");

    CliTest.Result diff = app("diff", "web");
    assertThat(diff.code()).as(diff.err()).isEqualTo(ExitCodes.DIFFERENT);
    assertThat(diff.out()).contains("+++ desired/ConfigMap/" + ns + "/greeting").contains("+  text: hello from git")
        .doesNotContain("do-not-print-me");

    CliTest.Result sync = app("sync", "web", "--prune", "--timeout", "90s");
    assertThat(sync.code()).as(sync.out() + sync.err()).isZero();
    assertThat(sync.out()).contains("sync requested for " + ns + "/web (prune)").contains("Synced");
    assertThat(client.configMaps().inNamespace(ns).withName("greeting").get().getData()).containsEntry("text", "hello from git");
    // it went through the server, as admin: the server's audit Event, and the request names the user
    Application live = client.resources(Application.class).inNamespace(ns).withName("web").get();
    assertThat(live.getMetadata().getAnnotations()).containsEntry("keelson.dev/sync-requested-by", "admin");
    assertThat(client.v1().events().inNamespace(ns).list().getItems()).anyMatch(e -> "ActionRequested".equals(e.getReason())
        && e.getMessage().contains("user admin requested sync (prune): accepted"));

    assertThat(app("diff", "web").code()).isEqualTo(ExitCodes.OK);
    // drift, as another client makes it
    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("greeting"),
        cm -> new ConfigMapBuilder(cm).addToData("text", "drifted").build());
    CliTest.Result drifted = app("diff", "web");
    assertThat(drifted.code()).isEqualTo(ExitCodes.DIFFERENT);
    assertThat(drifted.out()).contains("-  text: drifted").contains("+  text: hello from git");
  }

  @Test
  @DisplayName("a token the server no longer accepts is a clear error naming the login to do")
  void refusedToken() throws Exception {
    Path other = Files.createTempDirectory("keelson-cli-home-").resolve("config");
    CliConfig.write(other, CliConfig.Contents.empty().with(url, new CliConfig.ServerEntry("admin", "not-a-token", null)));
    CliTest.Result r = CliTest.run("app", "list", "--server", url, "--config", other.toString(), "-n", ns);
    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("keelson login --server " + url).doesNotContain("not-a-token");
  }
}
