package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.controller.sealed.SealedSecretsOptions;
import dev.keelson.controller.shard.ShardOptions;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * `keelson install --controller` against the real API server. No container runs here, so the
 * installed controller is started in this JVM with the installed ServiceAccount's token alone:
 * it must do its job with exactly the permissions installed, and refuse to start without one.
 */
class InstallControllerTest {
  static TestCluster cluster;
  static KubernetesClient admin;
  static String kubeconfig;

  @BeforeAll
  static void start() {
    cluster = TestCluster.shared();
    admin = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
  }

  @AfterAll
  static void stop() {
    if (admin != null) admin.close();
  }

  @Test
  @DisplayName("--dry-run: the API server validates every object by server-side dry run, and nothing is created")
  void dryRun() {
    String ns = "keelson-dry-" + Long.toHexString(System.nanoTime());
    CliTest.Result r = CliTest.run("install", "--controller", "--dry-run", "--namespace", ns, "--kubeconfig", kubeconfig);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("deployment/keelson-controller -n " + ns + " valid (server dry run)")
        .contains("poddisruptionbudget/keelson-controller -n " + ns + " valid (server dry run)")
        .contains("clusterrole/keelson-controller-" + ns + " valid (server dry run)");
    assertThat(admin.namespaces().withName(ns).get()).isNull();
    assertThat(admin.rbac().clusterRoles().withName("keelson-controller-" + ns).get()).isNull();
    assertThat(admin.apps().deployments().inNamespace("default").withName("keelson-controller").get()).isNull();
  }

  @Test
  @DisplayName("installed: the controller with only its ServiceAccount's token syncs an app; one verb taken away, it refuses to start naming it")
  void installedPermissionsSuffice() throws Exception {
    String ns = "keelson-inst-" + Long.toHexString(System.nanoTime());
    CliTest.Result r = CliTest.run("install", "--controller", "--namespace", ns, "--manage", "configmaps",
        "--image", "registry.example/keelson:test", "--kubeconfig", kubeconfig);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Deployment d = admin.apps().deployments().inNamespace(ns).withName("keelson-controller").get();
    var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("registry.example/keelson:test");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("keelson-controller");
    assertThat(admin.policy().v1beta1().podDisruptionBudget().inNamespace(ns).withName("keelson-controller").get())
        .isNotNull();
    assertThat(admin.apps().deployments().inNamespace(ns).withName("keelson-server").get()).isNotNull();

    String apps = cluster.createNamespace("inst-apps");
    Path repo = repoWithConfigMap();
    ControllerOptions options = ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
        .withMetricsPort(0).withControllerNamespace(ns).withLeaseNamespace(ns)
        .withSealedSecrets(SealedSecretsOptions.defaults().withKeyNamespace(ns));
    try (KubernetesClient sa = serviceAccountClient(ns, "keelson-controller")) {
      try (KeelsonController controller = KeelsonController.start(sa, options)) {
        createApp(apps, "installed", repo);
        awaitSyncedAndHealthy(apps, "installed");
        ConfigMap cm = admin.configMaps().inNamespace(apps).withName("greeting").get();
        assertThat(cm.getData()).containsEntry("text", "hello from git");
      }

      String role = "keelson-controller-" + ns;
      // exactly one verb on one resource taken away: applications/status keeps get and patch
      admin.rbac().clusterRoles().withName(role).edit(cr -> {
        List<PolicyRule> rules = new ArrayList<>();
        for (PolicyRule rule : cr.getRules()) {
          if (rule.getResources().contains("applications/status")) {
            List<String> others = new ArrayList<>(rule.getResources());
            others.remove("applications/status");
            List<String> verbs = new ArrayList<>(rule.getVerbs());
            verbs.remove("update");
            rules.add(new PolicyRuleBuilder(rule).withResources(others).build());
            rules.add(new PolicyRuleBuilder(rule).withResources("applications/status").withVerbs(verbs).build());
          } else {
            rules.add(rule);
          }
        }
        cr.setRules(rules);
        return cr;
      });
      ClusterRole edited = admin.rbac().clusterRoles().withName(role).get();
      assertThat(edited.getRules()).noneMatch(p -> p.getResources().contains("applications/status")
          && p.getVerbs().contains("update"));
      // the authorizer follows RBAC objects by watch: wait until it has seen the edit
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThatThrownBy(() -> KeelsonController.start(sa, options).close())
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("lack 1 permission(s)")
              .hasMessageContaining("update applications/status.keelson.dev in all namespaces"));
    }
  }

  @Test
  @DisplayName("--namespaced: Roles in the given namespaces only, and the controller manages an app there with them")
  void namespaced() throws Exception {
    String ns = "keelson-nsd-" + Long.toHexString(System.nanoTime());
    String apps = cluster.createNamespace("nsd-apps");
    CliTest.Result r = CliTest.run("install", "--controller", "--namespace", ns, "--namespaced", apps,
        "--kubeconfig", kubeconfig);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    ClusterRole cluster = admin.rbac().clusterRoles().withName("keelson-controller-" + ns).get();
    assertThat(cluster.getRules()).as("cluster-wide: reads of cluster-scoped kinds only")
        .allMatch(p -> p.getVerbs().stream().allMatch(v -> v.equals("get") || v.equals("list") || v.equals("watch")))
        .noneMatch(p -> p.getResources().contains("*") || p.getResources().contains("applications"));
    assertThat(admin.rbac().roles().inNamespace(apps).withName("keelson-controller").get()).isNotNull();
    Deployment d = admin.apps().deployments().inNamespace(ns).withName("keelson-controller").get();
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsSubsequence("--namespace", apps);

    Path repo = repoWithConfigMap();
    ControllerOptions options = ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
        .withMetricsPort(0).withControllerNamespace(ns).withLeaseNamespace(ns).withNamespaces(Set.of(apps))
        .withSealedSecrets(SealedSecretsOptions.defaults().withKeyNamespace(ns));
    try (KubernetesClient sa = serviceAccountClient(ns, "keelson-controller");
        KeelsonController controller = KeelsonController.start(sa, options)) {
      createApp(apps, "namespaced", repo);
      awaitSyncedAndHealthy(apps, "namespaced");
      assertThat(admin.configMaps().inNamespace(apps).withName("greeting").get()).isNotNull();
    }
  }

  @Test
  @DisplayName("--sharded: Lease rights in the controller's namespace; two replicas with the token share the apps and each holds its Lease")
  void sharded() throws Exception {
    String ns = "keelson-shd-" + Long.toHexString(System.nanoTime());
    String apps = cluster.createNamespace("shd-apps");
    CliTest.Result r = CliTest.run("install", "--controller", "--sharded", "--namespace", ns, "--namespaced", apps,
        "--manage", "configmaps", "--kubeconfig", kubeconfig);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Deployment d = admin.apps().deployments().inNamespace(ns).withName("keelson-controller").get();
    assertThat(d.getSpec().getReplicas()).isEqualTo(3);
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--sharded");
    assertThat(admin.rbac().roles().inNamespace(ns).withName("keelson-controller").get().getRules())
        .anySatisfy(p -> {
          assertThat(p.getResources()).containsExactly("leases");
          assertThat(p.getVerbs()).contains("create", "update", "delete");
        });

    ControllerOptions base = ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
        .withMetricsPort(0).withControllerNamespace(ns).withLeaseNamespace(ns).withNamespaces(Set.of(apps))
        .withSealedSecrets(SealedSecretsOptions.defaults().withKeyNamespace(ns));
    try (KubernetesClient sa = serviceAccountClient(ns, "keelson-controller");
        KeelsonController a = KeelsonController.start(sa, base.withShards(ShardOptions.leases("replica-a")));
        KeelsonController b = KeelsonController.start(sa, base.withShards(ShardOptions.leases("replica-b")))) {
      // the apps come once each replica sees both: what is tested here is the rights, not a handover
      // (ShardingTest's subject)
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        assertThat(a.shards().orElseThrow().members()).containsExactlyInAnyOrder("replica-a", "replica-b");
        assertThat(b.shards().orElseThrow().members()).containsExactlyInAnyOrder("replica-a", "replica-b");
      });
      for (int i = 0; i < 4; i++) createApp(apps, "sharded-" + i, repoWithConfigMap("greeting-" + i));
      for (int i = 0; i < 4; i++) awaitSyncedAndHealthy(apps, "sharded-" + i);
      assertThat(admin.leases().inNamespace(ns).list().getItems()).extracting(l -> l.getMetadata().getName())
          .contains("keelson-shard-replica-a", "keelson-shard-replica-b");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          Application app = admin.resources(Application.class).inNamespace(apps).withName("sharded-" + i).get();
          owners.add(app.getStatus() == null ? null : app.getStatus().controller);
        }
        assertThat(owners).allMatch(o -> "replica-a".equals(o) || "replica-b".equals(o));
      });
    }
  }

  /** A client that authenticates with the ServiceAccount's token and nothing else. */
  private static KubernetesClient serviceAccountClient(String ns, String serviceAccount) {
    String name = serviceAccount + "-token";
    admin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns)
        .addToAnnotations("kubernetes.io/service-account.name", serviceAccount).endMetadata()
        .withType("kubernetes.io/service-account-token").build()).create();
    // kube-controller-manager's token controller fills it in
    Secret filled = admin.secrets().inNamespace(ns).withName(name).waitUntilCondition(
        s -> s != null && s.getData() != null && s.getData().containsKey("token"), 60, java.util.concurrent.TimeUnit.SECONDS);
    String token = new String(Base64.getDecoder().decode(filled.getData().get("token")), StandardCharsets.UTF_8);
    String yaml = cluster.kubeconfigYaml().replaceFirst("(?m)^(\\s*token:\\s*).*$", "$1" + token);
    assertThat(yaml).contains(token);
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
  }

  private static Path repoWithConfigMap() throws Exception {
    return repoWithConfigMap("greeting");
  }

  private static Path repoWithConfigMap(String name) throws Exception {
    Path dir = Files.createTempDirectory("keelson-install-repo-");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(dir.resolve("cm.yaml"), """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: %s
          data:
            text: hello from git
          """.formatted(name));
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@keelson.dev");
      git.commit().setMessage("first").setAuthor(who).setCommitter(who).call();
    }
    return dir;
  }

  private static void createApp(String ns, String name, Path repo) {
    admin.resource(admin.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          source:
            repoURL: %s
          syncPolicy:
            automated:
              prune: true
        """.formatted(name, ns, repo.toUri()), Application.class)).create();
  }

  private static void awaitSyncedAndHealthy(String ns, String name) {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
      Application a = admin.resources(Application.class).inNamespace(ns).withName(name).get();
      assertThat(a.getStatus()).as(() -> admin.getKubernetesSerialization().asYaml(a)).isNotNull();
      assertThat(a.getStatus().sync == null ? null : a.getStatus().sync.status)
          .as(() -> admin.getKubernetesSerialization().asYaml(a)).isEqualTo("Synced");
      assertThat(a.getStatus().health == null ? null : a.getStatus().health.status)
          .as(() -> admin.getKubernetesSerialization().asYaml(a)).isEqualTo("Healthy");
    });
  }
}
