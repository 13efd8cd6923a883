package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import dev.keelson.api.promotion.v1alpha1.PromotionPipelineStatus;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * `keelson promote` against a running controller: a prod stage with `approval: required` held
 * until `keelson promote approve`, then an older candidate promoted into it by hand with
 * `--revision`, each a commit in the repository the stages' Applications read.
 */
@org.junit.jupiter.api.Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class PromoteCliTest {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String IMAGE = "registry.example/team/api";
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

  static String deployment(String name, String tag) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
        spec:
          replicas: 1
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
            spec:
              containers:
              - name: api
                image: %s:%s
                ports:
                - containerPort: 80
                  protocol: TCP
        """.formatted(name, name, name, IMAGE, tag);
  }

  static CliTest.Result keelson(String ns, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-n";
    all[args.length + 1] = ns;
    all[args.length + 2] = "--kubeconfig";
    all[args.length + 3] = kubeconfig;
    return CliTest.run(all);
  }

  static PromotionPipelineStatus.StageStatus stage(KubernetesClient client, String ns, String name) {
    PromotionPipeline p = client.resources(PromotionPipeline.class).inNamespace(ns).withName("api").get();
    if (p == null || p.getStatus() == null) return null;
    return p.getStatus().stages.stream().filter(s -> name.equals(s.name)).findFirst().orElse(null);
  }

  static String tag(PromotionPipelineStatus.StageStatus s) {
    return s == null || s.current == null || s.current.images == null ? null : s.current.images.get(IMAGE);
  }

  static String fileAt(Repository r, String ref, String path) throws Exception {
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit c = walk.parseCommit(r.resolve(ref));
      try (TreeWalk tw = TreeWalk.forPath(r, path, c.getTree())) {
        return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  String image(String ns, String deployment) {
    return client.apps().deployments().inNamespace(ns).withName(deployment).get().getSpec().getTemplate().getSpec()
        .getContainers().get(0).getImage();
  }

  @Test
  @DisplayName("approval: required waits for `keelson promote approve`; `keelson promote NAME --to STAGE --revision REV` promotes by hand and is not undone")
  void approveAndPromoteByHand() throws Exception {
    String ns = cluster.createNamespace("cli-promote");
    Path work = Files.createTempDirectory("keelson-cli-promote-");
    Path bare = Files.createTempDirectory("keelson-cli-promote-origin-").resolve("api.git");
    String base;
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Files.createDirectories(work.resolve("envs/dev"));
      Files.createDirectories(work.resolve("envs/staging"));
      Files.createDirectories(work.resolve("envs/prod"));
      Files.writeString(work.resolve("envs/dev/deploy.yaml"), deployment("api-dev", "2.0.0"));
      Files.writeString(work.resolve("envs/staging/deploy.yaml"), deployment("api-staging", "1.0.0"));
      Files.writeString(work.resolve("envs/prod/deploy.yaml"), deployment("api-prod", "1.0.0"));
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@keelson.dev");
      base = git.commit().setMessage("stages").setAuthor(who).setCommitter(who).call().getName();
    }
    Git.cloneRepository().setURI(work.toUri().toString()).setBare(true).setDirectory(bare.toFile()).call().close();
    String url = bare.toUri().toString();
    try (Repository origin = Git.open(bare.toFile()).getRepository()) {
      for (String s : new String[] {"dev", "staging", "prod"}) {
        client.resource(client.getKubernetesSerialization().unmarshal("""
            apiVersion: keelson.dev/v1alpha1
            kind: Application
            metadata: {name: %s, namespace: %s}
            spec:
              interval: 1h
              source: {repoURL: "%s", path: envs/%s, revision: main}
              destination: {namespace: %s}
              syncPolicy: {automated: {prune: true}}
            """.formatted(s, ns, url, s, ns), Application.class)).create();
      }
      client.resource(client.getKubernetesSerialization().unmarshal("""
          apiVersion: keelson.dev/v1alpha1
          kind: PromotionPipeline
          metadata: {name: api, namespace: %s}
          spec:
            promote:
              images: [{name: %s}]
            stages:
            - {name: dev, application: {name: dev}}
            - {name: staging, application: {name: staging}}
            - {name: prod, application: {name: prod}, approval: required}
            """.formatted(ns, IMAGE), PromotionPipeline.class)).create();

      // staging takes 2.0.0 on its own; prod waits for approval
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(tag(stage(client, ns, "staging"))).isEqualTo("2.0.0");
        assertThat(stage(client, ns, "staging").phase).isEqualTo("Verified");
        assertThat(stage(client, ns, "prod").phase).isEqualTo("AwaitingApproval");
        assertThat(stage(client, ns, "prod").message).isEqualTo("candidate " + IMAGE + ":2.0.0 from staging awaits approval");
      });
      assertThat(image(ns, "api-prod")).isEqualTo(IMAGE + ":1.0.0");
      assertThat(fileAt(origin, "refs/heads/main", "envs/prod/deploy.yaml")).isEqualTo(deployment("api-prod", "1.0.0"));

      CliTest.Result wrongStage = keelson(ns, "promote", "approve", "api", "--stage", "qa");
      assertThat(wrongStage.code()).isEqualTo(ExitCodes.FAILED);
      assertThat(wrongStage.err()).contains("error: api: no stage qa");

      CliTest.Result approved = keelson(ns, "promote", "approve", "api");
      assertThat(approved.code()).as(approved.err()).isZero();
      assertThat(approved.out()).isEqualTo("api: approved " + IMAGE + ":2.0.0 for prod\n");
      String user = System.getProperty("user.name");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(tag(stage(client, ns, "prod"))).isEqualTo("2.0.0");
        assertThat(stage(client, ns, "prod").phase).isEqualTo("Verified");
      });
      assertThat(stage(client, ns, "prod").approvedBy).isEqualTo(user);
      assertThat(image(ns, "api-prod")).isEqualTo(IMAGE + ":2.0.0");
      assertThat(fileAt(origin, "refs/heads/main", "envs/prod/deploy.yaml")).isEqualTo(deployment("api-prod", "2.0.0"));

      // by hand: what staging had at the first commit (1.0.0) into prod
      CliTest.Result first = keelson(ns, "promote", "api", "--to", "dev");
      assertThat(first.code()).isEqualTo(ExitCodes.FAILED);
      assertThat(first.err()).contains("dev is the first stage");
      CliTest.Result byHand = keelson(ns, "promote", "api", "--to", "prod", "--revision", base);
      assertThat(byHand.code()).as(byHand.err()).isZero();
      String head = origin.resolve("refs/heads/main").name();
      assertThat(byHand.out()).isEqualTo("api: promoted " + IMAGE + ":1.0.0 to prod: commit " + head.substring(0, 7)
          + " pushed to main\n");
      assertThat(fileAt(origin, head, "envs/prod/deploy.yaml")).isEqualTo(deployment("api-prod", "1.0.0"));
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(tag(stage(client, ns, "prod"))).isEqualTo("1.0.0");
        assertThat(stage(client, ns, "prod").phase).isEqualTo("Verified");
        PromotionPipeline p = client.resources(PromotionPipeline.class).inNamespace(ns).withName("api").get();
        var ready = p.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
        assertThat(ready.getReason()).isEqualTo("Succeeded");
      });
      assertThat(image(ns, "api-prod")).isEqualTo(IMAGE + ":1.0.0");
      // history: what went where, from where, by whom; the hand promotion is not undone
      PromotionPipeline p = client.resources(PromotionPipeline.class).inNamespace(ns).withName("api").get();
      assertThat(p.getStatus().history).extracting(h -> h.stage + "<-" + h.fromStage + " " + h.freight.images.get(IMAGE)
          + " by " + h.promotedBy)
          .containsExactly("staging<-dev 2.0.0 by controller", "prod<-staging 2.0.0 by controller",
              "prod<-staging 1.0.0 by " + user);
      assertThat(p.getStatus().history.get(2).commit).isEqualTo(head);
      assertThat(origin.resolve("refs/heads/main").name()).isEqualTo(head);
    }
  }
}
