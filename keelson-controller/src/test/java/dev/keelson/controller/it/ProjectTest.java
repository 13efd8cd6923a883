package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.AppProject;
import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AppProjects on the real API server: sources, destinations and kinds (hooks and child
 * Applications included), the namespaces allowed to use a project, and a project's sync windows.
 * A violation applies nothing of the revision and names the rule; a change of the project is
 * acted on at once, not at the next interval.
 */
class ProjectTest extends ControllerTestBase {
  static final String CONTROLLER_NAMESPACE = "keelson-system";

  void project(String namespace, String name, String spec) {
    String yaml = """
        apiVersion: keelson.dev/v1alpha1
        kind: AppProject
        metadata:
          name: %s
          namespace: %s
        spec:
        %s""".formatted(name, namespace, spec.indent(2));
    client.resource(client.getKubernetesSerialization().unmarshal(yaml, AppProject.class)).createOr(r -> r.update());
  }

  /** An automated app in project {@code project}, with an interval far longer than any wait here. */
  String app(String name, String namespace, String repoUrl, String project) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          project: %s
          interval: 1h
          source:
            repoURL: %s
          destination:
            namespace: %s
          syncPolicy:
            automated:
              prune: true
        """.formatted(name, namespace, project, repoUrl, ns);
  }

  static boolean refused(Application a, String text) {
    return conditionIs(a, "Ready", "False")
        && condition(a, "Ready").map(c -> "ProjectViolation".equals(c.getReason()) && c.getMessage().contains(text))
            .orElse(false);
  }

  private String configMapValue(String name) {
    var cm = client.configMaps().inNamespace(ns).withName(name).get();
    return cm == null ? null : cm.getData().get("value");
  }

  @Test
  @DisplayName("sources, destinations and kinds: a violation applies nothing of the revision and names the rule; fixing the project syncs at once")
  void sourcesDestinationsAndKinds() throws Exception {
    project(ns, "team", """
        sourceRepos: ["%s"]
        destinations:
        - server: https://kubernetes.default.svc
          namespace: %s
        namespaceResourceBlacklist:
        - group: ""
          kind: Secret
        """.formatted(repo.url(), ns));
    repo.write("cm.yaml", Manifests.configMap("settings", "one"));
    repo.commit("one");
    createApp(app("good", ns, repo.url(), "team"));
    awaitApp("good", a -> synced(a) && healthy(a));
    assertThat(configMapValue("settings")).isEqualTo("one");

    try (GitFixture other = new GitFixture()) {
      other.write("cm.yaml", Manifests.configMap("elsewhere", "x"));
      other.commit("other");
      Application wrongRepo = createApp(app("wrong-repo", ns, other.url(), "team"));
      Application seen = awaitApp(wrongRepo.getMetadata().getName(), a -> refused(a, "sourceRepos"));
      assertThat(condition(seen, "Ready").orElseThrow().getMessage()).contains(other.url());
      assertThat(client.configMaps().inNamespace(ns).withName("elsewhere").get()).isNull();
    }
    Application unknown = createApp(app("no-project", ns, repo.url(), "missing"));
    assertThat(condition(awaitApp(unknown.getMetadata().getName(), a -> refused(a, "no AppProject missing")), "Ready"))
        .isPresent();

    // one revision changes the ConfigMap and adds a Secret, a ClusterRole and a Secret as a hook:
    // none of it is applied, and each refusal is named
    repo.write("cm.yaml", Manifests.configMap("settings", "two"))
        .write("secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: token
            stringData:
              token: abc
            """)
        .write("role.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: %s-reader
            rules: []
            """.formatted(ns))
        .write("hook.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: hook-secret
              annotations:
                argocd.argoproj.io/hook: PreSync
            stringData:
              a: b
            """);
    String bad = repo.commit("forbidden kinds");
    requestRefresh("good");
    Application refused = awaitApp("good", a -> refused(a, "namespaceResourceBlacklist"));
    assertThat(condition(refused, "Ready").orElseThrow().getMessage())
        .contains("secret.yaml").contains("hook.yaml").contains("role.yaml")
        .contains("clusterResourceWhitelist").contains("nothing applied");
    assertThat(configMapValue("settings")).isEqualTo("one");
    assertThat(client.secrets().inNamespace(ns).withName("token").get()).isNull();
    assertThat(client.secrets().inNamespace(ns).withName("hook-secret").get()).isNull();
    assertThat(client.rbac().clusterRoles().withName(ns + "-reader").get()).isNull();

    // the project is changed: the app is reconciled at once (its interval is an hour) and syncs
    project(ns, "team", """
        sourceRepos: ["%s"]
        destinations:
        - server: https://kubernetes.default.svc
          namespace: %s
        - server: https://kubernetes.default.svc
        clusterResourceWhitelist:
        - group: rbac.authorization.k8s.io
          kind: ClusterRole
        """.formatted(repo.url(), ns));
    awaitApp("good", a -> syncedAt(a, bad) && conditionIs(a, "Ready", "True"));
    assertThat(configMapValue("settings")).isEqualTo("two");
    assertThat(client.rbac().clusterRoles().withName(ns + "-reader").get()).isNotNull();
    client.rbac().clusterRoles().withName(ns + "-reader").delete();
  }

  @Test
  @DisplayName("an object in a namespace outside the project's destinations is refused by name")
  void objectOutsideTheDestinations() throws Exception {
    project(ns, "narrow", """
        sourceRepos: ["*"]
        destinations:
        - name: in-cluster
          namespace: %s
        """.formatted(ns));
    repo.write("cm.yaml", Manifests.configMap("here", "x"))
        .write("there.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: there
              namespace: kube-public
            data: {}
            """);
    repo.commit("two namespaces");
    createApp(app("spread", ns, repo.url(), "narrow"));
    Application a = awaitApp("spread", x -> refused(x, "destinations"));
    assertThat(condition(a, "Ready").orElseThrow().getMessage()).contains("there.yaml").contains("kube-public");
    assertThat(client.configMaps().inNamespace(ns).withName("here").get()).isNull();
  }

  @Test
  @DisplayName("app of apps: a child Application must be of the parent's project; one that is gets its own checks")
  void appOfApps() throws Exception {
    project(ns, "team", """
        sourceRepos: ["*"]
        destinations:
        - server: https://kubernetes.default.svc
          namespace: %s
        namespaceResourceBlacklist:
        - group: ""
          kind: Secret
        """.formatted(ns));
    repo.write("children/escape.yaml", childApp("escape", "default", "leaf"))
        .write("leaf/cm.yaml", Manifests.configMap("leaf", "x"))
        .write("leaf/secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: leaf
            stringData:
              a: b
            """);
    repo.commit("a child of the default project");
    String parent = app("parent", ns, repo.url(), "team").replace("repoURL: " + repo.url(),
        "repoURL: " + repo.url() + "\n    path: children");
    createApp(parent);
    Application a = awaitApp("parent", x -> refused(x, "names project default"));
    assertThat(condition(a, "Ready").orElseThrow().getMessage()).contains("escape.yaml").contains("escape");
    assertThat(app("escape")).isNull();

    repo.delete("children/escape.yaml").write("children/child.yaml", childApp("child", "team", "leaf"));
    String fixed = repo.commit("the child in the parent's project");
    requestRefresh("parent");
    awaitApp("parent", x -> syncedAt(x, fixed));
    // the child is held to the same project: its Secret is refused
    Application child = awaitApp("child", x -> refused(x, "namespaceResourceBlacklist"));
    assertThat(condition(child, "Ready").orElseThrow().getMessage()).contains("secret.yaml").contains("Secret/" + ns + "/leaf");
    assertThat(client.configMaps().inNamespace(ns).withName("leaf").get()).isNull();
  }

  @Test
  @DisplayName("a project in the controller's namespace serves other namespaces only through sourceNamespaces")
  void sourceNamespaces() throws Exception {
    if (client.namespaces().withName(CONTROLLER_NAMESPACE).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(CONTROLLER_NAMESPACE)
          .endMetadata().build()).createOr(r -> r.update());
    }
    String name = "shared-" + UUID.randomUUID().toString().substring(0, 8);
    String spec = """
        sourceRepos: ["*"]
        destinations:
        - server: "*"
          namespace: "*"
        """;
    project(CONTROLLER_NAMESPACE, name, spec);
    repo.write("cm.yaml", Manifests.configMap("shared", "x"));
    repo.commit("one");
    createApp(app("tenant", ns, repo.url(), name));
    awaitApp("tenant", a -> refused(a, "sourceNamespaces"));
    assertThat(client.configMaps().inNamespace(ns).withName("shared").get()).isNull();

    project(CONTROLLER_NAMESPACE, name, spec + "sourceNamespaces: [\"" + ns.substring(0, 3) + "*\"]\n");
    awaitApp("tenant", a -> synced(a) && healthy(a));
    client.resources(AppProject.class).inNamespace(CONTROLLER_NAMESPACE).withName(name).delete();
  }

  @Test
  @DisplayName("a project's sync window holds back the apps it selects")
  void projectWindows() throws Exception {
    project(ns, "frozen", """
        sourceRepos: ["*"]
        destinations:
        - server: "*"
          namespace: "*"
        syncWindows:
        - kind: deny
          schedule: "* * * * *"
          duration: 1h
          applications: ["held-*"]
        """);
    repo.write("cm.yaml", Manifests.configMap("held", "x"));
    repo.commit("one");
    createApp(app("held-1", ns, repo.url(), "frozen"));
    createApp(app("free", ns, repo.url(), "frozen"));
    Application held = awaitApp("held-1", a -> condition(a, "Ready")
        .map(c -> "SyncWindowBlocked".equals(c.getReason())).orElse(false));
    assertThat(condition(held, "Ready").orElseThrow().getMessage()).contains("deny window");
    // the other app of the project is not selected by the window
    awaitApp("free", a -> synced(a));
  }

  private String childApp(String name, String project, String path) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          project: %s
          interval: 1h
          source:
            repoURL: %s
            path: %s
          destination:
            namespace: %s
          syncPolicy:
            automated: {}
        """.formatted(name, ns, project, repo.url(), path, ns);
  }

  /** What `keelson app sync` asks for without options: a sync now, fetching the source anew. */
  private void requestRefresh(String app) {
    String token = java.time.Instant.now().toString();
    client.resources(Application.class).inNamespace(ns).withName(app).patch(
        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
        client.getKubernetesSerialization().asJson(java.util.Map.of("metadata", java.util.Map.of("annotations",
            java.util.Map.of(dev.keelson.controller.app.Annotations.SYNC_REQUESTED_AT, token)))));
  }
}
