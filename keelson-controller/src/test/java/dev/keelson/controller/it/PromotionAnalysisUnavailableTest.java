package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import dev.keelson.rollouts.runtime.RolloutOptions;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * With rollouts off nothing measures AnalysisRuns, so a pipeline whose stage has analysis is
 * refused, saying why, instead of waiting for ever on a run that never progresses.
 */
@org.junit.jupiter.api.Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class PromotionAnalysisUnavailableTest extends ControllerTestBase {
  /**
   * This class's controller runs without rollouts. The base class's controller (with rollouts)
   * starts first and would reconcile the pipeline too, so it is stopped before this one starts.
   */
  @BeforeAll
  static void startControllerWithoutRollouts() throws Exception {
    if (controller != null) controller.close();
    if (client != null) client.close();
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
    controller = KeelsonController.start(client, ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
        .withMetricsPort(0).withLeaseNamespace(null).withRollouts(new RolloutOptions(false, Clock.systemUTC())));
  }

  @Test
  @DisplayName("rollouts off: a stage with analysis makes the pipeline Ready False AnalysisUnavailable, and no run is made")
  void analysisNeedsTheRolloutsController() throws Exception {
    repo.write("envs/dev/deploy.yaml", PromotionPipelineTest.deployment("web-dev", "1.1.0", true))
        .write("envs/prod/deploy.yaml", PromotionPipelineTest.deployment("web-prod", "1.0.0", true));
    repo.commit("two stages");
    for (String stage : java.util.List.of("dev", "prod")) {
      createApp(Manifests.application(stage, ns, repo.url(), "envs/" + stage, true, true, false, "1h"));
    }
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: PromotionPipeline
        metadata: {name: web, namespace: %s}
        spec:
          promote:
            images: [{name: %s}]
          stages:
          - {name: dev, application: {name: dev}}
          - {name: prod, application: {name: prod}, analysis: {templates: [{templateName: smoke}]}}
        """.formatted(ns, PromotionPipelineTest.IMAGE), PromotionPipeline.class)).create();
    await().atMost(TIMEOUT).untilAsserted(() -> {
      PromotionPipeline p = client.resources(PromotionPipeline.class).inNamespace(ns).withName("web").get();
      assertThat(p.getStatus()).isNotNull();
      var ready = p.getStatus().conditions.get(0);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("AnalysisUnavailable");
      assertThat(ready.getMessage()).isEqualTo("spec.stages[1].analysis: AnalysisRuns are measured by the rollouts "
          + "controller, which is off (--rollouts=false): turn it on, or use soakDuration alone");
      assertThat(p.getStatus().history).isEmpty();
    });
    assertThat(client.resources(AnalysisRun.class).inNamespace(ns).list().getItems()).isEmpty();
  }
}
