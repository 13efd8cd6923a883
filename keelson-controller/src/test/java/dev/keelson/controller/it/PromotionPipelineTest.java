package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import dev.keelson.api.promotion.v1alpha1.PromotionPipelineStatus;
import dev.keelson.api.v1alpha1.Alert;
import dev.keelson.api.v1alpha1.Provider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Environment promotion end to end: three Applications (dev, staging, prod) reading their own path
 * of one repository, a PromotionPipeline moving an image tag between them with commits pushed to
 * that repository, and the Applications applying them; a stage that fails stops the candidate
 * there, and the pipeline's events reach an Alert.
 */
@org.junit.jupiter.api.Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class PromotionPipelineTest extends ControllerTestBase {
  static final String IMAGE = "registry.example/team/web";
  static final ObjectMapper JSON = new ObjectMapper();

  static String deployment(String name, String tag, boolean ready) {
    return """
        # %s's web tier (this comment stays)
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
        spec:
          replicas: 1
          progressDeadlineSeconds: %d
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
              annotations: {keelson.dev/simulate-ready: "%s"}
            spec:
              containers:
              - name: web
                image: %s:%s
                ports:
                - containerPort: 80
                  protocol: TCP
        """.formatted(name, name, ready ? 600 : 1, name, name, ready, IMAGE, tag);
  }

  /** The repository the apps read and the pipeline pushes to: a bare clone of the fixture. */
  Repository origin(Path root) throws Exception {
    Git.cloneRepository().setURI(repo.url()).setBare(true).setDirectory(root.toFile()).call().close();
    return Git.open(root.toFile()).getRepository();
  }

  static String fileAt(Repository r, String ref, String path) throws Exception {
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit c = walk.parseCommit(r.resolve(ref));
      try (TreeWalk tw = TreeWalk.forPath(r, path, c.getTree())) {
        return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  static List<String> changedFiles(Repository r, String commit) throws Exception {
    try (RevWalk walk = new RevWalk(r); Git git = new Git(r)) {
      RevCommit c = walk.parseCommit(r.resolve(commit));
      List<String> out = new ArrayList<>();
      for (DiffEntry d : git.diff().setOldTree(treeOf(r, c.getParent(0))).setNewTree(treeOf(r, c)).call()) {
        out.add(d.getNewPath());
      }
      return out;
    }
  }

  static org.eclipse.jgit.treewalk.AbstractTreeIterator treeOf(Repository r, RevCommit c) throws Exception {
    try (RevWalk walk = new RevWalk(r)) {
      var p = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
      try (var reader = r.newObjectReader()) {
        p.reset(reader, walk.parseCommit(c).getTree().getId());
      }
      return p;
    }
  }

  void stageApps(String url) {
    for (String stage : List.of("dev", "staging", "prod")) {
      createApp(Manifests.application(stage, ns, url, "envs/" + stage, true, true, false, "1h")
          .replace("    path: envs/" + stage + "\n", "    path: envs/" + stage + "\n    revision: main\n"));
    }
  }

  PromotionPipeline pipeline() {
    return client.resources(PromotionPipeline.class).inNamespace(ns).withName("web").get();
  }

  static PromotionPipelineStatus.StageStatus stage(PromotionPipeline p, String name) {
    if (p == null || p.getStatus() == null) return null;
    return p.getStatus().stages.stream().filter(s -> name.equals(s.name)).findFirst().orElse(null);
  }

  static String tagOf(PromotionPipelineStatus.StageStatus s) {
    return s == null || s.current == null || s.current.images == null ? null : s.current.images.get(IMAGE);
  }

  void createPipeline(String prodApproval) {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: PromotionPipeline
        metadata: {name: web, namespace: %s}
        spec:
          promote:
            images: [{name: %s}]
          git:
            commit: {author: {name: Promoter, email: promote@keelson.dev}}
          stages:
          - {name: dev, application: {name: dev}}
          - {name: staging, application: {name: staging}}
          - {name: prod, application: {name: prod}, approval: %s}
        """.formatted(ns, IMAGE, prodApproval), PromotionPipeline.class)).create();
  }

  void alertOnPipelines(HookServer hook) {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Provider
        metadata: {name: hook, namespace: %s}
        spec: {type: generic, address: "%s"}
        """.formatted(ns, hook.url("/hook")), Provider.class)).create();
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Alert
        metadata: {name: promotions, namespace: %s}
        spec:
          providerRef: {name: hook}
          eventSources:
          - {kind: PromotionPipeline, name: '*'}
        """.formatted(ns), Alert.class)).create();
    await().atMost(TIMEOUT).until(() -> {
      Alert a = client.resources(Alert.class).inNamespace(ns).withName("promotions").get();
      return a.getStatus() != null && a.getStatus().conditions.stream()
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }

  static JsonNode json(HookServer.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError(r.body(), e);
    }
  }

  @Test
  @DisplayName("dev -> staging -> prod: the tag dev runs is committed into staging's path and applied; staging fails with it, so prod keeps its tag; the events reach an Alert")
  void aFailingStageStopsThePromotion() throws Exception {
    repo.write("envs/dev/deploy.yaml", deployment("web-dev", "1.1.0", true))
        .write("envs/staging/deploy.yaml", deployment("web-staging", "1.0.0", false))
        .write("envs/prod/deploy.yaml", deployment("web-prod", "1.0.0", true));
    repo.commit("three stages");
    Path root = Files.createTempDirectory("keelson-git-").resolve("app.git");
    try (HookServer hook = new HookServer(); Repository origin = origin(root)) {
      alertOnPipelines(hook);
      String url = root.toUri().toString();
      String base = origin.resolve("refs/heads/main").name();
      stageApps(url);
      createPipeline("auto");

      // dev is Verified, so staging gets 1.1.0 in one commit touching only staging's file
      await().atMost(TIMEOUT).untilAsserted(() -> {
        PromotionPipeline p = pipeline();
        assertThat(p.getStatus()).isNotNull();
        assertThat(p.getStatus().history).hasSize(1);
      });
      PromotionPipelineStatus.HistoryEntry h = pipeline().getStatus().history.get(0);
      assertThat(h.stage).isEqualTo("staging");
      assertThat(h.fromStage).isEqualTo("dev");
      assertThat(h.promotedBy).isEqualTo("controller");
      assertThat(h.freight.images).isEqualTo(Map.of(IMAGE, "1.1.0"));
      assertThat(h.commit).isEqualTo(origin.resolve("refs/heads/main").name()).isNotEqualTo(base);
      assertThat(changedFiles(origin, h.commit)).containsExactly("envs/staging/deploy.yaml");
      assertThat(fileAt(origin, h.commit, "envs/staging/deploy.yaml"))
          .isEqualTo(deployment("web-staging", "1.1.0", false));
      try (RevWalk walk = new RevWalk(origin)) {
        RevCommit c = walk.parseCommit(origin.resolve(h.commit));
        assertThat(c.getShortMessage()).isEqualTo("Promote " + IMAGE + ":1.1.0 to staging from dev");
        assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("promote@keelson.dev");
      }
      // staging applies it (the push reconciles it at once, its interval is an hour) ...
      awaitApp("staging", a -> syncedAt(a, h.commit));
      assertThat(client.apps().deployments().inNamespace(ns).withName("web-staging").get().getSpec().getTemplate()
          .getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE + ":1.1.0");
      // ... and is Degraded with it: the pipeline stops there
      await().atMost(TIMEOUT).untilAsserted(() -> {
        PromotionPipeline p = pipeline();
        assertThat(stage(p, "staging").phase).isEqualTo("Failed");
        assertThat(tagOf(stage(p, "staging"))).isEqualTo("1.1.0");
        assertThat(stage(p, "staging").message).startsWith("Degraded");
        var ready = p.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("StageFailed");
        assertThat(ready.getMessage()).startsWith("staging: Degraded");
      });
      await().atMost(TIMEOUT).until(() -> hook.requests().stream()
          .anyMatch(r -> json(r).at("/reason").asText().equals("PromotionFailed")));
      // prod still runs 1.0.0, in Git and in the cluster, and nothing more was pushed
      PromotionPipeline p = pipeline();
      assertThat(stage(p, "prod").phase).isEqualTo("Verified");
      assertThat(tagOf(stage(p, "prod"))).isEqualTo("1.0.0");
      assertThat(p.getStatus().history).hasSize(1);
      assertThat(origin.resolve("refs/heads/main").name()).isEqualTo(h.commit);
      assertThat(fileAt(origin, "refs/heads/main", "envs/prod/deploy.yaml")).isEqualTo(deployment("web-prod", "1.0.0", true));
      assertThat(client.apps().deployments().inNamespace(ns).withName("web-prod").get().getSpec().getTemplate()
          .getSpec().getContainers().get(0).getImage()).isEqualTo(IMAGE + ":1.0.0");
      // the Alert on PromotionPipelines got the promotion and the failure, about this pipeline
      List<String> reasons = hook.requests().stream().map(r -> json(r).at("/reason").asText()).toList();
      assertThat(reasons).contains("Promoted", "PromotionFailed");
      assertThat(hook.requests()).allSatisfy(r -> {
        assertThat(json(r).at("/involvedObject/kind").asText()).isEqualTo("PromotionPipeline");
        assertThat(json(r).at("/involvedObject/name").asText()).isEqualTo("web");
      });
      assertThat(client.v1().events().inNamespace(ns).list().getItems()).anySatisfy(e -> {
        assertThat(e.getInvolvedObject().getKind()).isEqualTo("PromotionPipeline");
        assertThat(e.getReason()).isEqualTo("Promoted");
        assertThat(e.getMessage()).isEqualTo("promoted " + IMAGE + ":1.1.0 to staging from dev (commit "
            + h.commit.substring(0, 7) + " pushed to main, by controller)");
      });
    }
  }

  static String values(String tag) {
    return "# the web chart's values\nreplicas: 1\nimage:\n  repository: registry.example/team/web\n  tag: \"" + tag
        + "\"  # promoted\n";
  }

  String configValue(String name, String key) {
    var cm = client.configMaps().inNamespace(ns).withName(name).get();
    return cm == null ? null : cm.getData().get(key);
  }

  @Test
  @DisplayName("helmValues: the value at image.tag in dev's values file is committed into prod's, that line alone, and rendered by prod's chart")
  void helmValuesMove() throws Exception {
    for (String stage : List.of("dev", "prod")) {
      repo.write("charts/" + stage + "/Chart.yaml", "apiVersion: v2\nname: web-" + stage + "\nversion: 0.1.0\n")
          .write("charts/" + stage + "/templates/cm.yaml", Manifests.configMap(stage + "-settings", "{{ .Values.image.tag }}"))
          .write("charts/" + stage + "/values.yaml", values(stage.equals("dev") ? "2.1.0" : "2.0.0"));
    }
    repo.commit("two charts");
    Path root = Files.createTempDirectory("keelson-git-").resolve("charts.git");
    try (Repository origin = origin(root)) {
      String url = root.toUri().toString();
      for (String stage : List.of("dev", "prod")) {
        createApp(Manifests.application(stage, ns, url, "charts/" + stage, true, true, false, "1h"));
      }
      client.resource(client.getKubernetesSerialization().unmarshal("""
          apiVersion: keelson.dev/v1alpha1
          kind: PromotionPipeline
          metadata: {name: web, namespace: %s}
          spec:
            promote:
              helmValues: [{file: values.yaml, path: image.tag}]
            stages:
            - {name: dev, application: {name: dev}, soakDuration: 1s}
            - {name: prod, application: {name: prod}}
          """.formatted(ns), PromotionPipeline.class)).create();
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(configValue("prod-settings", "value")).isEqualTo("2.1.0"));
      PromotionPipelineStatus.HistoryEntry h = pipeline().getStatus().history.get(0);
      assertThat(h.freight.values).isEqualTo(Map.of("values.yaml:image.tag", "2.1.0"));
      assertThat(changedFiles(origin, h.commit)).containsExactly("charts/prod/values.yaml");
      assertThat(fileAt(origin, h.commit, "charts/prod/values.yaml")).isEqualTo(values("2.1.0"));
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(stage(pipeline(), "prod").phase).isEqualTo("Verified");
        assertThat(stage(pipeline(), "prod").current.values).isEqualTo(Map.of("values.yaml:image.tag", "2.1.0"));
      });
      assertThat(client.v1().events().inNamespace(ns).list().getItems())
          .anyMatch(e -> "PromotionSucceeded".equals(e.getReason()) && e.getMessage()
              .equals("prod runs values.yaml:image.tag=2.1.0, Synced and Healthy"));
    }
  }

  @Test
  @DisplayName("revision: the commit dev runs is written into staging's Application manifest in the app of apps' repository, which applies it, and staging runs that commit")
  void revisionIntoTheAppOfApps() throws Exception {
    repo.write("envs/dev/cm.yaml", Manifests.configMap("dev-settings", "one"))
        .write("envs/staging/cm.yaml", Manifests.configMap("staging-settings", "one"));
    String first = repo.commit("one");
    // a second commit: dev takes it (it tracks main), staging is declared at the first
    repo.write("envs/dev/cm.yaml", Manifests.configMap("dev-settings", "two"))
        .write("envs/staging/cm.yaml", Manifests.configMap("staging-settings", "two"));
    String second = repo.commit("two");
    Path sources = Files.createTempDirectory("keelson-git-").resolve("src.git");
    GitFixture apps = new GitFixture();
    Path appsRoot = Files.createTempDirectory("keelson-git-").resolve("apps.git");
    try (Repository src = origin(sources); apps) {
      String srcUrl = sources.toUri().toString();
      String stagingApp = """
          apiVersion: keelson.dev/v1alpha1
          kind: Application
          metadata:
            name: staging
          spec:
            interval: 1h
            source:
              repoURL: %s
              path: envs/staging
              revision: %s # promoted by the pipeline
            destination:
              namespace: %s
            syncPolicy:
              automated: {prune: true}
          """;
      apps.write("staging.yaml", stagingApp.formatted(srcUrl, first, ns));
      apps.commit("staging at the first commit");
      Git.cloneRepository().setURI(apps.url()).setBare(true).setDirectory(appsRoot.toFile()).call().close();
      try (Repository appsOrigin = Git.open(appsRoot.toFile()).getRepository()) {
        String appsUrl = appsRoot.toUri().toString();
        createApp(Manifests.application("apps", ns, appsUrl, ".", true, true, false, "1h"));
        createApp(Manifests.application("dev", ns, srcUrl, "envs/dev", true, true, false, "1h"));
        awaitApp("staging", a -> syncedAt(a, first));
        awaitApp("dev", a -> syncedAt(a, second));
        assertThat(configValue("staging-settings", "value")).isEqualTo("one");
        client.resource(client.getKubernetesSerialization().unmarshal("""
            apiVersion: keelson.dev/v1alpha1
            kind: PromotionPipeline
            metadata: {name: web, namespace: %s}
            spec:
              promote: {revision: true}
              stages:
              - {name: dev, application: {name: dev}}
              - name: staging
                application: {name: staging}
                target: {repoURL: "%s", file: staging.yaml}
            """.formatted(ns, appsUrl), PromotionPipeline.class)).create();
        awaitApp("staging", a -> syncedAt(a, second));
        assertThat(configValue("staging-settings", "value")).isEqualTo("two");
        PromotionPipelineStatus.HistoryEntry h = pipeline().getStatus().history.get(0);
        assertThat(h.freight.revision).isEqualTo(second);
        assertThat(h.commit).isEqualTo(appsOrigin.resolve("refs/heads/main").name());
        assertThat(fileAt(appsOrigin, h.commit, "staging.yaml")).isEqualTo(stagingApp.formatted(srcUrl, second, ns));
        assertThat(app("staging").getSpec().source.revision).isEqualTo(second);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stage(pipeline(), "staging").phase).isEqualTo("Verified"));
        // the source repository got no commit from the pipeline
        assertThat(src.resolve("refs/heads/main").name()).isEqualTo(second);
      }
    }
  }

  @Test
  @DisplayName("a pipeline naming a stage twice is refused with a condition naming the field")
  void badInputIsNamed() {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: PromotionPipeline
        metadata: {name: web, namespace: %s}
        spec:
          promote:
            images: [{name: %s}]
          stages:
          - {name: dev, application: {name: dev}}
          - {name: dev, application: {name: prod}}
        """.formatted(ns, IMAGE), PromotionPipeline.class)).create();
    await().atMost(TIMEOUT).untilAsserted(() -> {
      PromotionPipeline p = pipeline();
      assertThat(p.getStatus()).isNotNull();
      var ready = p.getStatus().conditions.get(0);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("InvalidSpec");
      assertThat(ready.getMessage()).isEqualTo("spec.stages[1].name: dev is given twice");
    });
  }
}
