package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.runtime.RolloutRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Blue-green against the real API server: the preview behind its Service, manual and automatic promotion, analysis. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RolloutBlueGreenTest extends RolloutTestBase {
  private HttpServer server;

  private static String manifest(String blueGreen) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web, annotations: {}}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "1"}}
            spec: {containers: [{name: web, image: example.com/web:1}]}
          strategy:
            blueGreen:
              activeService: web-active
              previewService: web-preview
              scaleDownDelaySeconds: 1
        """ + blueGreen.indent(6);
  }

  @AfterEach
  void stopEndpoint() {
    if (server != null) server.stop(0);
  }

  private String start(String blueGreen) {
    service("web-active", Map.of("app", "web"));
    service("web-preview", Map.of("app", "web"));
    create(manifest(blueGreen));
    Rollout first = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    String v1 = first.getStatus().stableRS;
    assertThat(replicaSet("web", v1).getSpec().getReplicas()).isEqualTo(3);
    assertThat(selectorHash("web-active")).isEqualTo(v1);
    assertThat(selectorHash("web-preview")).isEqualTo(v1);
    return v1;
  }

  @Test
  void previewWaitsForAManualPromoteThenBecomesActive() {
    String v1 = start("""
        autoPromotionEnabled: false
        previewReplicaCount: 1
        """);
    setVersion("web", "2");
    Rollout paused = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase));
    String v2 = paused.getStatus().currentPodHash;
    assertThat(v2).isNotEqualTo(v1);
    assertThat(paused.getStatus().pauseConditions).anySatisfy(p -> assertThat(p.reason).isEqualTo("BlueGreenPause"));
    assertThat(replicaSet("web", v2).getSpec().getReplicas()).isEqualTo(1);
    assertThat(replicaSet("web", v1).getSpec().getReplicas()).isEqualTo(3);
    assertThat(selectorHash("web-preview")).isEqualTo(v2);
    assertThat(selectorHash("web-active")).isEqualTo(v1);
    assertThat(paused.getStatus().blueGreen.activeSelector).isEqualTo(v1);
    assertThat(paused.getStatus().blueGreen.previewSelector).isEqualTo(v2);

    request("web", RolloutRequest.Action.promote);
    Rollout done = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRS));
    assertThat(done.getStatus().blueGreen.activeSelector).isEqualTo(v2);
    assertThat(selectorHash("web-active")).isEqualTo(v2);
    assertThat(replicaSet("web", v2).getSpec().getReplicas()).isEqualTo(3);
    assertThat(done.getStatus().history).anySatisfy(h -> assertThat(h.action).isEqualTo("promote"));
    // the old active keeps its pods for scaleDownDelaySeconds, then goes to zero
    awaitReplicas("web", v1, 0);
  }

  @Test
  void autoPromotionSecondsPromoteWithoutAnOperator() {
    String v1 = start("""
        autoPromotionSeconds: 2
        """);
    setVersion("web", "2");
    Rollout paused = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase));
    String v2 = paused.getStatus().currentPodHash;
    assertThat(replicaSet("web", v2).getSpec().getReplicas()).isEqualTo(3);
    assertThat(selectorHash("web-active")).isEqualTo(v1);
    assertThat(paused.getStatus().message).contains("promoted automatically");
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRS));
    assertThat(selectorHash("web-active")).isEqualTo(v2);
    assertThat(rollout("web").getStatus().history).isEmpty();
    awaitReplicas("web", v1, 0);
  }

  @Test
  void aFailingPostPromotionAnalysisSwitchesTheActiveServiceBack() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // before promotion the preview answers well; once it takes the active traffic, badly
    server.createContext("/", exchange -> {
      String rate = exchange.getRequestURI().getPath().endsWith("/pre") ? "0.99" : "0.3";
      byte[] body = ("{\"rate\": " + rate + "}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: success-rate}
        spec:
          args: [{name: stage}]
          metrics:
          - name: success-rate
            successCondition: result >= 0.95
            provider:
              web: {url: "http://127.0.0.1:%d/{{args.stage}}", jsonPath: "{$.rate}"}
        """.formatted(server.getAddress().getPort()), AnalysisTemplate.class)).inNamespace(ns).create();
    String v1 = start("""
        prePromotionAnalysis: {templates: [{templateName: success-rate}], args: [{name: stage, value: pre}]}
        postPromotionAnalysis: {templates: [{templateName: success-rate}], args: [{name: stage, value: post}]}
        """);
    setVersion("web", "2");
    Rollout aborted = awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    String v2 = aborted.getStatus().currentPodHash;
    assertThat(runPhase(aborted, "pre")).isEqualTo("Successful");
    assertThat(runPhase(aborted, "post")).isEqualTo("Failed");
    assertThat(aborted.getStatus().message).contains("post-promotion analysis failed").contains("0.3");
    assertThat(aborted.getStatus().stableRS).isEqualTo(v1);
    assertThat(aborted.getStatus().blueGreen.activeSelector).isEqualTo(v1);
    assertThat(selectorHash("web-active")).isEqualTo(v1);
    awaitReplicas("web", v2, 0);
    assertThat(replicaSet("web", v1).getSpec().getReplicas()).isEqualTo(3);
  }

  private static String runPhase(Rollout r, String suffix) {
    var run = client.resources(dev.keelson.api.rollouts.v1alpha1.AnalysisRun.class).inNamespace(r.getMetadata().getNamespace())
        .withName("web-" + r.getStatus().currentPodHash + "-" + suffix).get();
    return run == null || run.getStatus() == null ? null : run.getStatus().phase;
  }
}
