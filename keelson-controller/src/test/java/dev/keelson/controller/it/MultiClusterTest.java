package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.fleet.Destinations;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import java.nio.file.Files;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two real control planes: the controller's own (A) and a second one (B) described by a cluster
 * Secret in Argo CD's format and reached through a proxy that can cut the network to it.
 */
class MultiClusterTest extends ControllerTestBase {

  private static TestCluster clusterB;
  private static KubernetesClient clientB;
  private static TcpProxy proxy;

  @BeforeAll
  static void secondCluster() throws Exception {
    clusterB = TestCluster.startAnother();
    clientB = clusterB.newClient();
    proxy = new TcpProxy("127.0.0.1", clusterB.apiServerUrl().getPort());
    Config b = Config.fromKubeconfig(clusterB.kubeconfigYaml());
    String ns = ControllerOptions.DEFAULT_NAMESPACE;
    if (client.namespaces().withName(ns).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    String config = """
        {"bearerToken": "%s", "tlsClientConfig": {"caData": "%s"}}
        """.formatted(b.getAutoOAuthToken(), b.getCaCertData());
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("cluster-b")
        .withLabels(Map.of("argocd.argoproj.io/secret-type", "cluster", "env", "staging")).endMetadata()
        .withStringData(Map.of("name", "b", "server", server(), "config", config)).build()).createOr(e -> e.update());
  }

  private static String server() {
    return "https://127.0.0.1:" + proxy.port();
  }

  @AfterAll
  static void stopSecondCluster() throws Exception {
    if (proxy != null) proxy.close();
    if (clientB != null) clientB.close();
    if (clusterB != null) clusterB.close();
  }

  private static String app(String name, String ns, String repoUrl, String path, String destination) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: %s, namespace: %s}
        spec:
          interval: 2s
          source: {repoURL: %s, path: %s}
          destination: {%s}
          syncPolicy: {automated: {prune: true}}
        """.formatted(name, ns, repoUrl, path, destination);
  }

  @Test
  @DisplayName("apps on two clusters by name and by server; a cut network fails only that cluster's apps, which keep their state and recover")
  void twoClustersAndAnOutage() throws Exception {
    String nsB = clusterB.createNamespace("it-b");
    repo.write("b/cm.yaml", Manifests.configMap("on-b", "one"));
    repo.write("a/cm.yaml", Manifests.configMap("on-a", "one"));
    String first = repo.commit("two clusters");
    createApp(app("to-b", ns, repo.url(), "b", "name: b, namespace: " + nsB));
    createApp(app("to-b-by-server", ns, repo.url(), "b", "server: " + server() + ", namespace: " + nsB + "-x"));
    createApp(app("to-a", ns, repo.url(), "a", "namespace: " + ns));
    clientB.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(nsB + "-x").endMetadata().build())
        .create();

    awaitApp("to-b", a -> syncedAt(a, first) && healthy(a));
    awaitApp("to-b-by-server", a -> syncedAt(a, first) && healthy(a));
    awaitApp("to-a", a -> syncedAt(a, first) && healthy(a));
    assertThat(clientB.configMaps().inNamespace(nsB).withName("on-b").get().getData()).containsEntry("value", "one");
    assertThat(clientB.configMaps().inNamespace(nsB + "-x").withName("on-b").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(nsB).withName("on-b").get()).isNull();
    assertThat(client.configMaps().inNamespace(ns).withName("on-a").get()).isNotNull();
    // `app diff` compares with the app's own cluster
    Application toB = app("to-b");
    AppSettings settings = AppSettings.of(toB);
    try (Destinations.Destination to = Destinations.of(client, ControllerOptions.DEFAULT_NAMESPACE, settings.cluster())) {
      var report = KeelsonController.differ(client, to.client(), Files.createTempDirectory("keelson-diff-"))
          .diff(settings, toB.getStatus());
      assertThat(report.different()).as(report.text()).isFalse();
    }

    proxy.cut();
    Application down = awaitApp("to-b", a -> conditionIs(a, "Ready", "False")
        && "ClusterUnreachable".equals(condition(a, "Ready").orElseThrow().getReason()));
    assertThat(condition(down, "Ready").orElseThrow().getMessage()).contains("cluster b").contains(server());
    assertThat(down.getStatus().resources).as("the last state stays as it was").isNotEmpty();

    // A's apps carry on at their own pace while B is unreachable.
    repo.write("a/cm.yaml", Manifests.configMap("on-a", "two"));
    repo.write("b/cm.yaml", Manifests.configMap("on-b", "two"));
    String second = repo.commit("while B is cut off");
    long t0 = System.nanoTime();
    awaitApp("to-a", a -> syncedAt(a, second));
    Duration duringOutage = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(duringOutage).as("to-a synced during the outage in %s", duringOutage).isLessThan(Duration.ofSeconds(15));
    assertThat(clientB.configMaps().inNamespace(nsB).withName("on-b").get().getData()).containsEntry("value", "one");

    proxy.restore();
    awaitApp("to-b", a -> syncedAt(a, second) && healthy(a) && conditionIs(a, "Ready", "True"));
    assertThat(clientB.configMaps().inNamespace(nsB).withName("on-b").get().getData()).containsEntry("value", "two");

    // B's engine (client, informers) runs while an app needs it, and stops with the last one.
    assertThat(controller.clusters().running()).contains("b");
    client.resources(Application.class).inNamespace(ns).withName("to-b").delete();
    assertThat(controller.clusters().running()).contains("b");
    client.resources(Application.class).inNamespace(ns).withName("to-b-by-server").delete();
    await().atMost(TIMEOUT).until(() -> !controller.clusters().running().contains("b"));
  }

  @Test
  @DisplayName("a destination no cluster Secret describes: a clear condition, nothing applied anywhere")
  void unknownCluster() throws Exception {
    repo.write("b/cm.yaml", Manifests.configMap("nowhere", "one"));
    repo.commit("to an unknown cluster");
    createApp(app("lost", ns, repo.url(), "b", "name: prod-eu, namespace: " + ns));
    Application lost = awaitApp("lost", a -> conditionIs(a, "Ready", "False"));
    assertThat(condition(lost, "Ready").orElseThrow().getReason()).isEqualTo("DestinationUnknown");
    assertThat(condition(lost, "Ready").orElseThrow().getMessage()).contains("prod-eu").contains("keelson-system");
    assertThat(client.configMaps().inNamespace(ns).withName("nowhere").get()).isNull();
  }

  @Test
  @DisplayName("on a remote cluster an app acts as its ServiceAccount there: allowed in one namespace, refused in another")
  void impersonationOnARemoteCluster() throws Exception {
    String nsB = clusterB.createNamespace("it-b");
    // the account lives in the Application's namespace, on the destination cluster
    clientB.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .createOr(e -> e.update());
    clientB.serviceAccounts().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
        .withNewMetadata().withName("deployer").endMetadata().build()).create();
    clientB.rbac().roles().inNamespace(nsB).resource(new io.fabric8.kubernetes.api.model.rbac.RoleBuilder()
        .withNewMetadata().withName("deployer").endMetadata()
        .withRules(new io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder().withApiGroups("")
            .withResources("configmaps").withVerbs("*").build()).build()).create();
    clientB.rbac().roleBindings().inNamespace(nsB).resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
        .withNewMetadata().withName("deployer").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "deployer")
        .addNewSubject().withKind("ServiceAccount").withName("deployer").withNamespace(ns).endSubject().build()).create();
    repo.write("b/cm.yaml", Manifests.configMap("as-deployer", "one"));
    String rev = repo.commit("as a ServiceAccount");
    createApp(app("allowed", ns, repo.url(), "b", "name: b, namespace: " + nsB).replace("  interval: 2s",
        "  interval: 2s\n  serviceAccountName: deployer"));
    createApp(app("refused", ns, repo.url(), "b", "name: b, namespace: " + ns).replace("  interval: 2s",
        "  interval: 2s\n  serviceAccountName: deployer"));
    awaitApp("allowed", a -> syncedAt(a, rev) && healthy(a));
    assertThat(clientB.configMaps().inNamespace(nsB).withName("as-deployer").get()).isNotNull();
    Application refused = awaitApp("refused", a -> condition(a, "Ready")
        .map(c -> c.getMessage().contains("forbidden")).orElse(false));
    assertThat(condition(refused, "Ready").orElseThrow().getMessage())
        .contains("system:serviceaccount:" + ns + ":deployer");
    assertThat(clientB.configMaps().inNamespace(ns).withName("as-deployer").get()).isNull();
  }
}
