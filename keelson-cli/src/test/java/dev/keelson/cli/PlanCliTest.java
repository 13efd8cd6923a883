package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.AppProject;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * `keelson plan` against a real API server, run as a ServiceAccount that may read everything and
 * otherwise only patch and create (the verbs of a dry-run). App {@code web} is synced at {@code main}
 * by a controller that is stopped before planning; branch {@code feature} then changes one of its
 * ConfigMaps, adds one, drops one, changes its Deployment's selector (immutable) and adds a PreSync
 * hook and renders a ConfigMap that app {@code other} manages; app {@code locked} gains a Service its project refuses; app {@code manual} is not automated;
 * app {@code other} is not touched by the branch.
 */
class PlanCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final PersonIdent WHO = new PersonIdent("t", "t@keelson.dev");

  static TestCluster cluster;
  static KubernetesClient client;
  static String ns;
  static Path repo;
  static Path planner;

  @BeforeAll
  static void setUp() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    assertThat(CliTest.run("install", "--kubeconfig", cluster.kubeconfigPath().toString()).code()).isZero();
    ns = cluster.createNamespace("plan");
    repo = Files.createTempDirectory("keelson-plan-repo-");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      write("apps/web/keep.yaml", configMap("keep", "same"));
      write("apps/web/change.yaml", configMap("change", "one"));
      write("apps/web/gone.yaml", configMap("gone", "bye"));
      write("apps/web/deployment.yaml", deployment("web"));
      write("apps/other/cm.yaml", configMap("other", "x"));
      write("apps/locked/cm.yaml", configMap("locked", "x"));
      write("apps/manual/cm.yaml", configMap("manual", "x"));
      commit(git, "main");
    }
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: AppProject
        metadata: {name: narrow, namespace: %s}
        spec:
          sourceRepos: ["*"]
          destinations: [{server: "https://kubernetes.default.svc", namespace: "*"}]
          namespaceResourceWhitelist: [{group: "", kind: ConfigMap}]
        """.formatted(ns), AppProject.class)).create();
    createApp("web", "apps/web", "default", "syncPolicy: {automated: {prune: true}}");
    createApp("other", "apps/other", "default", "");
    createApp("locked", "apps/locked", "narrow", "");
    createApp("manual", "apps/manual", "default", "");
    try (KeelsonController controller = KeelsonController.start(client, ControllerOptions.defaults(
        Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null))) {
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        Application a = client.resources(Application.class).inNamespace(ns).withName("web").get();
        return a.getStatus() != null && a.getStatus().sync != null && "Synced".equals(a.getStatus().sync.status)
            && a.getStatus().health != null && "Healthy".equals(a.getStatus().health.status);
      });
    }
    // an object another app manages, which the branch also renders for web
    client.configMaps().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("shared").addToAnnotations(TrackingMark.ANNOTATION, TrackingMark.trackingId(
            new AppRef(ns, "other"), new ResourceKey("", "ConfigMap", ns, "shared"))).endMetadata()
        .addToData("value", "theirs").build()).create();
    try (Git git = Git.open(repo.toFile())) {
      git.checkout().setCreateBranch(true).setName("feature").call();
      write("apps/web/shared.yaml", configMap("shared", "ours"));
      write("apps/web/change.yaml", configMap("change", "two"));
      write("apps/web/fresh.yaml", configMap("fresh", "new"));
      Files.delete(repo.resolve("apps/web/gone.yaml"));
      write("apps/web/deployment.yaml", deployment("web-v2"));
      write("apps/web/migrate.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: migrate
            annotations:
              argocd.argoproj.io/hook: PreSync
              argocd.argoproj.io/sync-wave: "-1"
              argocd.argoproj.io/hook-delete-policy: HookSucceeded
          data: {step: migrate}
          """);
      write("apps/locked/svc.yaml", """
          apiVersion: v1
          kind: Service
          metadata: {name: locked}
          spec:
            ports: [{port: 80}]
          """);
      write("apps/manual/cm.yaml", configMap("manual", "y"));
      git.add().addFilepattern(".").setUpdate(true).call();
      commit(git, "feature");
      git.checkout().setName("main").call();
    }
    planner = PlannerAccount.create(client, ns, "planner", List.of("get", "list", "watch", "patch", "create"));
  }

  @AfterAll
  static void tearDown() {
    if (client != null) client.close();
  }

  @Test
  @DisplayName("a plan of the branch: creation, update, prune, hooks, a project refusal, an immutable field and a manual app, exit 1, nothing written")
  void planOfBranch() throws Exception {
    Map<String, String> before = resourceVersions();
    CliTest.Result r = CliTest.run("plan", "--repo", repo.toString(), "--revision", "feature", "-o", "json",
        "--kubeconfig", planner.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.DIFFERENT);
    assertThat(resourceVersions()).as("a plan writes nothing").isEqualTo(before);

    JsonNode plan = JSON.readTree(r.out());
    assertThat(names(plan.get("apps"))).as("other is not touched").containsExactly("locked", "manual", "web");
    JsonNode web = app(plan, "web");
    assertThat(actions(web)).containsExactlyInAnyOrder(
        "update ConfigMap/change", "create ConfigMap/fresh", "delete ConfigMap/gone", "recreate Deployment/web",
        "shared ConfigMap/shared");
    assertThat(change(web, "shared").get("owner").asText()).isEqualTo(ns + "/other");
    JsonNode update = change(web, "change");
    assertThat(update.get("diff").asText()).contains("-  value: one").contains("+  value: two");
    assertThat(change(web, "gone").get("prune").asText()).isEqualTo("PRUNE");
    JsonNode recreate = change(web, "web");
    assertThat(recreate.get("remedy").asText()).isEqualTo("NEEDS_FORCE");
    assertThat(recreate.get("reason").asText()).contains("immutable");
    assertThat(web.get("hooks")).hasSize(1);
    assertThat(web.get("hooks").get(0).get("name").asText()).isEqualTo("migrate");
    assertThat(web.get("hooks").get(0).get("phase").asText()).isEqualTo("PreSync");
    assertThat(web.get("hooks").get(0).get("wave").asInt()).isEqualTo(-1);
    assertThat(web.get("holds")).isEmpty();

    JsonNode locked = app(plan, "locked");
    // never synced (no automated policy): its ConfigMap is new too, and the Service is refused
    assertThat(actions(locked)).containsExactlyInAnyOrder("create ConfigMap/locked", "create Service/locked");
    assertThat(reasons(locked)).contains("PROJECT");
    assertThat(locked.get("holds").toString()).contains("namespaceResourceWhitelist");
    assertThat(reasons(app(plan, "manual"))).containsExactly("MANUAL_SYNC");
    assertThat(client.services().inNamespace(ns).withName("locked").get()).isNull();
  }

  @Test
  @DisplayName("markdown for a pull request comment and text for a terminal carry the same findings")
  void markdownAndText() {
    CliTest.Result md = CliTest.run("plan", "--repo", repo.toString(), "--revision", "feature", "-o", "markdown",
        "--kubeconfig", planner.toString());
    assertThat(md.code()).as(md.err()).isEqualTo(ExitCodes.DIFFERENT);
    assertThat(md.out()).contains("### Keelson plan: `feature`")
        .contains("| `" + ns + "/web` | 1 | 1 | 1 | 1 | 1 | 1 |")
        .contains("<details><summary><code>" + ns + "/web</code>")
        .contains("```diff").contains("+  value: two")
        .contains("**recreate** `apps/Deployment/" + ns + "/web`");
    CliTest.Result text = CliTest.run("plan", "--repo", repo.toString(), "--revision", "feature",
        "--app", ns + "/web", "--kubeconfig", planner.toString());
    assertThat(text.code()).as(text.err()).isEqualTo(ExitCodes.DIFFERENT);
    assertThat(text.out()).contains("~ update  ConfigMap/" + ns + "/change")
        .contains("- delete  ConfigMap/" + ns + "/gone (pruned")
        .contains("! recreate apps/Deployment/" + ns + "/web")
        .contains("PreSync wave -1  ConfigMap/" + ns + "/migrate");
  }

  @Test
  @DisplayName("nothing to change: main against itself plans no app, and every app at main is in sync or only new (exit 0 / 1)")
  void nothingToChange() throws Exception {
    CliTest.Result touched = CliTest.run("plan", "--repo", repo.toString(), "--revision", "main",
        "--kubeconfig", planner.toString());
    assertThat(touched.code()).as(touched.out() + touched.err()).isEqualTo(ExitCodes.OK);
    assertThat(touched.out()).contains("0 app(s) planned");
    CliTest.Result web = CliTest.run("plan", "--repo", repo.toString(), "--revision", "main", "--app", ns + "/web",
        "-o", "json", "--kubeconfig", planner.toString());
    assertThat(web.code()).as(web.out() + web.err()).isEqualTo(ExitCodes.OK);
    assertThat(JSON.readTree(web.out()).get("apps").get(0).get("changes")).isEmpty();
  }

  @Test
  @DisplayName("an account that may only read cannot dry-run: the plan fails with exit 2 and names the missing right")
  void readOnlyAccountCannotDryRun() throws Exception {
    Path readOnly = PlannerAccount.create(client, ns, "reader", List.of("get", "list", "watch"));
    Map<String, String> before = resourceVersions();
    CliTest.Result r = CliTest.run("plan", "--repo", repo.toString(), "--revision", "feature", "--app", ns + "/web",
        "--kubeconfig", readOnly.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("(needs patch) forbidden").contains("cannot patch resource \"configmaps\"");
    assertThat(resourceVersions()).isEqualTo(before);
  }

  @Test
  @DisplayName("patch alone is not enough either: server-side apply of an object that does not exist yet needs create")
  void patchWithoutCreate() throws Exception {
    Path patchOnly = PlannerAccount.create(client, ns, "patcher", List.of("get", "list", "watch", "patch"));
    CliTest.Result r = CliTest.run("plan", "--repo", repo.toString(), "--revision", "feature", "--app", ns + "/web",
        "--kubeconfig", patchOnly.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.ERROR);
    // the 1.20 API server gives no reason for this refusal: the plan says which verb it needs
    assertThat(r.err()).contains("dry-run of ConfigMap/" + ns + "/fresh (new: needs create) forbidden")
        .contains("configmaps \"fresh\" is forbidden");
  }

  /** Every object of the test namespace a sync could touch, and the Applications and AppProjects. */
  static Map<String, String> resourceVersions() {
    Map<String, String> out = new TreeMap<>();
    List<List<String>> kinds = List.of(List.of("v1", "ConfigMap"), List.of("v1", "Secret"), List.of("v1", "Service"),
        List.of("v1", "ServiceAccount"), List.of("v1", "Pod"), List.of("apps/v1", "Deployment"),
        List.of("apps/v1", "ReplicaSet"), List.of("keelson.dev/v1alpha1", "Application"),
        List.of("keelson.dev/v1alpha1", "AppProject"));
    for (List<String> k : kinds) {
      for (GenericKubernetesResource r : client.genericKubernetesResources(k.get(0), k.get(1)).inNamespace(ns).list()
          .getItems()) {
        out.put(k.get(1) + "/" + r.getMetadata().getName(), r.getMetadata().getResourceVersion());
      }
    }
    assertThat(out).containsKeys("Application/web", "ConfigMap/gone", "Deployment/web");
    return out;
  }

  static JsonNode app(JsonNode plan, String name) {
    return StreamSupport.stream(plan.get("apps").spliterator(), false)
        .filter(a -> a.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  static List<String> names(JsonNode apps) {
    return StreamSupport.stream(apps.spliterator(), false).map(a -> a.get("name").asText()).toList();
  }

  static List<String> actions(JsonNode app) {
    return StreamSupport.stream(app.get("changes").spliterator(), false)
        .map(c -> c.get("action").asText() + " " + c.get("kind").asText() + "/" + c.get("name").asText()).toList();
  }

  static JsonNode change(JsonNode app, String name) {
    return StreamSupport.stream(app.get("changes").spliterator(), false)
        .filter(c -> c.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  static List<String> reasons(JsonNode app) {
    return StreamSupport.stream(app.get("holds").spliterator(), false).map(h -> h.get("reason").asText()).toList();
  }

  static void createApp(String name, String path, String project, String policy) {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: %s, namespace: %s}
        spec:
          project: %s
          interval: 1h
          source: {repoURL: "%s", revision: main, path: %s}
          destination: {namespace: %s}
          %s
        """.formatted(name, ns, project, repo.toUri(), path, ns, policy), Application.class)).create();
  }

  static String configMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: " + value + "\n";
  }

  /** No replicas: nothing of it changes once it is synced, so resourceVersions stay put. */
  static String deployment(String selector) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 0
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers: [{name: web, image: nginx:1.25}]
        """.formatted(selector, selector);
  }

  static void write(String file, String content) throws Exception {
    Path p = repo.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  static void commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).call();
  }
}
