package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import dev.keelson.api.promotion.v1alpha1.PromotionPipelineStatus;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stage's analysis end to end: staging runs an AnalysisTemplate with a web metric against an
 * HTTP endpoint on loopback whose answer the test sets, as an AnalysisRun the pipeline makes for
 * each candidate staging runs; the rollouts controller's AnalysisRunReconciler measures it. A
 * candidate whose run succeeds (and soaked) is promoted to prod; one whose run fails stops at
 * staging, the stage Failed naming the metric.
 */
@org.junit.jupiter.api.Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class PromotionAnalysisTest extends ControllerTestBase {
  static final String IMAGE = PromotionPipelineTest.IMAGE;

  private HttpServer server;
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  /** The tag each measurement asked about: the candidate, passed as an argument. */
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void endpoint() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/smoke", exchange -> {
      asked.add(exchange.getRequestURI().getQuery());
      byte[] body = ("{\"ok\": " + healthy.get() + "}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopEndpoint() {
    server.stop(0);
  }

  PromotionPipeline pipeline() {
    return client.resources(PromotionPipeline.class).inNamespace(ns).withName("web").get();
  }

  String image(String deployment) {
    var d = client.apps().deployments().inNamespace(ns).withName(deployment).get();
    return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  List<AnalysisRun> runs() {
    return client.resources(AnalysisRun.class).inNamespace(ns).list().getItems();
  }

  @Test
  @DisplayName("staging's AnalysisRun of 1.1.0 succeeds, so prod gets 1.1.0; the run of 1.2.0 fails, replacing it: staging is Failed naming the metric and prod keeps 1.1.0")
  void aPassingCandidateIsPromotedAFailingOneStops() throws Exception {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: smoke}
        spec:
          args: [{name: tag}]
          metrics:
          - name: smoke
            successCondition: result == true
            failureCondition: result == false
            provider:
              web:
                url: http://127.0.0.1:%d/smoke?tag={{args.tag}}
                jsonPath: "{$.ok}"
        """.formatted(server.getAddress().getPort()), AnalysisTemplate.class)).inNamespace(ns).create();
    // staging reads the fixture (the test commits its candidates there), prod a bare repository
    // the pipeline pushes to
    repo.write("envs/staging/deploy.yaml", PromotionPipelineTest.deployment("web-staging", "1.1.0", true))
        .write("envs/prod/deploy.yaml", PromotionPipelineTest.deployment("web-prod", "1.0.0", true));
    repo.commit("two stages");
    Path root = Files.createTempDirectory("keelson-git-").resolve("prod.git");
    Git.cloneRepository().setURI(repo.url()).setBare(true).setDirectory(root.toFile()).call().close();
    try (Repository origin = Git.open(root.toFile()).getRepository()) {
      createApp(Manifests.application("staging", ns, repo.url(), "envs/staging", true, true, false, "2s")
          .replace("    path: envs/staging\n", "    path: envs/staging\n    revision: main\n"));
      createApp(Manifests.application("prod", ns, root.toUri().toString(), "envs/prod", true, true, false, "1h")
          .replace("    path: envs/prod\n", "    path: envs/prod\n    revision: main\n"));
      client.resource(client.getKubernetesSerialization().unmarshal("""
          apiVersion: keelson.dev/v1alpha1
          kind: PromotionPipeline
          metadata: {name: web, namespace: %s}
          spec:
            promote:
              images: [{name: %s}]
            stages:
            - name: staging
              application: {name: staging}
              soakDuration: 2s
              analysis:
                templates: [{templateName: smoke}]
                args: [{name: tag, value: "{{candidate.images.%s}}"}]
            - {name: prod, application: {name: prod}}
          """.formatted(ns, IMAGE, IMAGE), PromotionPipeline.class)).create();

      // 1.1.0 passes: prod runs it; the pipeline records the promotion after its push, so prod may
      // run it a moment before the history says so
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(image("web-prod")).isEqualTo(IMAGE + ":1.1.0");
        assertThat(pipeline().getStatus().history).hasSize(1);
      });
      PromotionPipeline p = pipeline();
      assertThat(p.getStatus().history.get(0).fromStage).isEqualTo("staging");
      PromotionPipelineStatus.StageStatus staging = PromotionPipelineTest.stage(p, "staging");
      assertThat(staging.analysisPhase).isEqualTo("Successful");
      AnalysisRun first = client.resources(AnalysisRun.class).inNamespace(ns).withName(staging.analysisRun).get();
      assertThat(first.getStatus().phase).isEqualTo("Successful");
      assertThat(first.getMetadata().getName()).startsWith("web-staging-");
      assertThat(first.getMetadata().getLabels()).containsEntry("promotions.keelson.dev/pipeline", "web")
          .containsEntry("promotions.keelson.dev/stage", "staging").containsKey("promotions.keelson.dev/candidate");
      assertThat(first.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
        assertThat(o.getKind()).isEqualTo("PromotionPipeline");
        assertThat(o.getUid()).isEqualTo(p.getMetadata().getUid());
      });
      // the argument was resolved to the candidate's tag, in the run and in what was measured
      assertThat(first.getSpec().args).anySatisfy(a -> {
        assertThat(a.name).isEqualTo("tag");
        assertThat(a.value).isEqualTo("1.1.0");
      });
      assertThat(asked).contains("tag=1.1.0");
      String promoted = p.getStatus().history.get(0).commit;
      assertThat(origin.resolve("refs/heads/main").name()).isEqualTo(promoted);

      // 1.2.0 fails its analysis: staging stops it, its run replacing the run of 1.1.0
      healthy.set(false);
      repo.write("envs/staging/deploy.yaml", PromotionPipelineTest.deployment("web-staging", "1.2.0", true));
      repo.commit("staging: 1.2.0");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        PromotionPipeline now = pipeline();
        PromotionPipelineStatus.StageStatus s = PromotionPipelineTest.stage(now, "staging");
        assertThat(PromotionPipelineTest.tagOf(s)).isEqualTo("1.2.0");
        assertThat(s.phase).isEqualTo("Failed");
        assertThat(s.analysisPhase).isEqualTo("Failed");
        assertThat(s.message).startsWith("analysis " + s.analysisRun + " Failed: metric smoke Failed");
        var ready = now.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("StageFailed");
        assertThat(ready.getMessage()).startsWith("staging: analysis ");
      });
      assertThat(asked).contains("tag=1.2.0");
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(runs()).extracting(r -> r.getMetadata().getName())
          .containsExactly(PromotionPipelineTest.stage(pipeline(), "staging").analysisRun));
      assertThat(runs().get(0).getMetadata().getName()).isNotEqualTo(first.getMetadata().getName());
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.v1().events().inNamespace(ns).list().getItems())
          .anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("PromotionFailed");
            assertThat(e.getMessage()).startsWith("staging failed: analysis ").contains("metric smoke Failed");
          }));
      // prod keeps 1.1.0: nothing more was pushed
      PromotionPipeline last = pipeline();
      assertThat(last.getStatus().history).hasSize(1);
      assertThat(PromotionPipelineTest.tagOf(PromotionPipelineTest.stage(last, "prod"))).isEqualTo("1.1.0");
      assertThat(origin.resolve("refs/heads/main").name()).isEqualTo(promoted);
      assertThat(image("web-prod")).isEqualTo(IMAGE + ":1.1.0");
    }
  }
}
