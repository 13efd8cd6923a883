package dev.keelson.controller.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.it.GitFixture;
import dev.keelson.controller.it.HttpGitServer;
import dev.keelson.controller.it.Orchestrated;
import dev.keelson.controller.it.TcpProxy;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Git server over HTTP reached through a TCP proxy that can cut the network, slow it down and
 * drop connections, or send the connections to a server that answers garbage. While the source
 * is bad the app says so and keeps everything it applied; once it is good again the new commit
 * is synced.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GitFaultsTest {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String USER = "git";
  static final String PASSWORD = "faults-pa55word";

  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonController controller;
  static String ns;

  GitFixture repo;
  HttpGitServer git;
  TcpProxy proxy;
  int gitPort;
  Apps apps;

  @BeforeAll
  static void controller() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
    ns = cluster.createNamespace("gitfault");
    client.secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withName("git-creds").withNamespace(ns).endMetadata()
        .addToStringData("username", USER).addToStringData("password", PASSWORD).build()).create();
    controller = KeelsonController.start(client, ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
        .withMetricsPort(0).withLeaseNamespace(null).withNamespaces(Set.of(ns)));
  }

  @AfterAll
  static void stopController() {
    if (controller != null) controller.close();
    if (client != null) client.close();
  }

  @BeforeEach
  void gitServerBehindProxy() throws Exception {
    repo = new GitFixture();
    Path dir = Path.of(URI.create(repo.url()));
    git = new HttpGitServer(dir.getParent(), USER, PASSWORD);
    gitPort = URI.create(git.url("x")).getPort();
    proxy = new TcpProxy("127.0.0.1", gitPort);
    apps = new Apps(client, ns);
  }

  @AfterEach
  void close() throws Exception {
    if (proxy != null) proxy.close();
    if (git != null) git.close();
    if (repo != null) repo.close();
  }

  /** An app reading the repository through the proxy, synced at its first commit. */
  String syncedApp(String name) throws Exception {
    repo.write("a.yaml", Orchestrated.configMap(name + "-a", "1", ""))
        .write("b.yaml", Orchestrated.configMap(name + "-b", "1", ""));
    String sha = repo.commit("first");
    String url = "http://127.0.0.1:" + proxy.port() + "/git/" + Path.of(URI.create(repo.url())).getFileName();
    apps.create(Orchestrated.app(name, ns, url, "", "")
        .replace("    path: .\n", "    path: .\n    secretRef:\n      name: git-creds\n"));
    apps.await(name, a -> Apps.succeededAt(a, sha) && Apps.healthy(a), TIMEOUT);
    return sha;
  }

  /** A second commit: one object changed, one added. */
  String secondCommit(String name) throws Exception {
    repo.write("a.yaml", Orchestrated.configMap(name + "-a", "2", ""))
        .write("c.yaml", Orchestrated.configMap(name + "-c", "2", ""));
    return repo.commit("second");
  }

  Map<String, ConfigMap> configMaps() {
    return client.configMaps().inNamespace(ns).list().getItems().stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity()));
  }

  /** While the source fails: the app says so, its objects stay exactly as they were. */
  void keepsItsObjectsWhileFailing(String name, String sha1, Map<String, ConfigMap> before) {
    Application failing = apps.await(name, a -> Apps.notReadyBecause(a, "SourceFailed"), TIMEOUT);
    assertThat(failing.getStatus().sync.revision).as("still at the last good commit").isEqualTo(sha1);
    Map<String, ConfigMap> during = configMaps();
    for (String cm : List.of(name + "-a", name + "-b")) {
      assertThat(during.get(cm)).as(cm + " kept").isNotNull();
      assertThat(during.get(cm).getMetadata().getResourceVersion()).isEqualTo(before.get(cm).getMetadata().getResourceVersion());
    }
    assertThat(during).doesNotContainKey(name + "-c");
  }

  /** Once the source is good again: the new commit synced, once; nothing lost on the way. */
  void convergesOn(String name, String sha1, String sha2, Map<String, ConfigMap> before) {
    Application app = apps.await(name, a -> Apps.succeededAt(a, sha2) && Apps.healthy(a), TIMEOUT);
    Map<String, ConfigMap> after = configMaps();
    assertThat(after.get(name + "-a").getData()).containsEntry("value", "2");
    assertThat(after.get(name + "-b").getMetadata().getUid()).isEqualTo(before.get(name + "-b").getMetadata().getUid());
    assertThat(after).containsKey(name + "-c");
    assertThat(Apps.syncsOf(app, sha1)).singleElement().satisfies(h -> assertThat(h.result).isEqualTo("Succeeded"));
    assertThat(Apps.syncsOf(app, sha2)).singleElement().satisfies(h -> assertThat(h.result).isEqualTo("Succeeded"));
  }

  @Test
  @DisplayName("the Git server unreachable: SourceFailed, nothing pruned or changed; the new commit synced once it is back")
  void unreachable() throws Exception {
    String sha1 = syncedApp("cut");
    Map<String, ConfigMap> before = configMaps();
    proxy.cut();
    String sha2 = secondCommit("cut");
    keepsItsObjectsWhileFailing("cut", sha1, before);
    proxy.restore();
    long back = System.nanoTime();
    convergesOn("cut", sha1, sha2, before);
    System.out.printf("fault git-unreachable: from reachable again to synced %d ms%n", Apps.millisSince(back));
  }

  @Test
  @DisplayName("the Git server slow (100 ms per chunk) and dropping every second connection: the new commit is synced all the same")
  void slowAndLossy() throws Exception {
    String sha1 = syncedApp("slow");
    Map<String, ConfigMap> before = configMaps();
    int acceptedBefore = proxy.accepted();
    int droppedBefore = proxy.dropped();
    proxy.degrade(new TcpProxy.Degradation(Duration.ofMillis(100), 2));
    long t0 = System.nanoTime();
    String sha2 = secondCommit("slow");
    convergesOn("slow", sha1, sha2, before);
    long took = Apps.millisSince(t0);
    assertThat(proxy.dropped() - droppedBefore).as("connections dropped on the way").isPositive();
    System.out.printf("fault git-slow: commit to synced %d ms over %d connections, %d dropped%n",
        took, proxy.accepted() - acceptedBefore, proxy.dropped() - droppedBefore);
  }

  @Test
  @DisplayName("the Git server answering garbage: SourceFailed, nothing pruned or changed; the new commit synced once it answers right")
  void garbage() throws Exception {
    String sha1 = syncedApp("junk");
    Map<String, ConfigMap> before = configMaps();
    try (GarbageServer junk = new GarbageServer()) {
      proxy.retarget(junk.port());
      String sha2 = secondCommit("junk");
      keepsItsObjectsWhileFailing("junk", sha1, before);
      assertThat(Apps.condition(apps.get("junk"), "Ready").orElseThrow().getMessage()).isNotBlank();
      proxy.retarget(gitPort);
      long back = System.nanoTime();
      convergesOn("junk", sha1, sha2, before);
      System.out.printf("fault git-garbage: from good answers again to synced %d ms%n", Apps.millisSince(back));
    }
  }
}
