package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import dev.keelson.rollouts.runtime.RolloutRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** strategy.canary.analysis: measured from its starting step until the canary is stable, aborting when it fails. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RolloutBackgroundAnalysisTest extends RolloutTestBase {
  private HttpServer server;
  private final AtomicReference<String> successRate = new AtomicReference<>("0.99");

  @BeforeEach
  void endpoint() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/rate", exchange -> {
      byte[] body = ("{\"rate\": " + successRate.get() + "}").getBytes(StandardCharsets.UTF_8);
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

  private void setUp() {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: success-rate}
        spec:
          metrics:
          - name: success-rate
            interval: 1s
            failureCondition: result < 0.5
            provider:
              web: {url: "http://127.0.0.1:%d/rate", jsonPath: "{$.rate}"}
        """.formatted(server.getAddress().getPort()), AnalysisTemplate.class)).inNamespace(ns).create();
    service("web-stable", Map.of("app", "web"));
    create("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web, annotations: {}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "1"}}
            spec: {containers: [{name: web, image: example.com/web:1}]}
          strategy:
            canary:
              stableService: web-stable
              scaleDownDelaySeconds: 1
              analysis:
                templates: [{templateName: success-rate}]
                startingStep: 1
              steps:
              - setWeight: 50
              - pause: {}
        """);
  }

  private AnalysisRun backgroundRun(String hash) {
    return client.resources(AnalysisRun.class).inNamespace(ns).withName("web-" + hash + "-background").get();
  }

  @Test
  void runsWhileTheCanaryIsPausedAndIsTerminatedOnPromotion() {
    setUp();
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    setVersion("web", "2");
    String v2 = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex)).getStatus().currentPodHash;
    awaitRollout("web", r -> {
      AnalysisRun run = backgroundRun(v2);
      return run != null && run.getStatus() != null && !run.getStatus().metricResults.isEmpty()
          && run.getStatus().metricResults.get(0).measurements.size() >= 2;
    });
    assertThat(backgroundRun(v2).getStatus().phase).isEqualTo("Running");
    request("web", RolloutRequest.Action.promote);
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRS));
    awaitRollout("web", r -> "Successful".equals(backgroundRun(v2).getStatus().phase));
    assertThat(backgroundRun(v2).getSpec().terminate).isTrue();
    assertThat(backgroundRun(v2).getStatus().message).isEqualTo("Run Terminated");
  }

  @Test
  void aFailingBackgroundAnalysisAborts() {
    setUp();
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    successRate.set("0.3");
    setVersion("web", "2");
    var aborted = awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    assertThat(aborted.getStatus().message).contains("background analysis failed").contains("success-rate").contains("0.3");
    assertThat(aborted.getStatus().stableRS).isEqualTo(v1);
    awaitReplicas("web", aborted.getStatus().currentPodHash, 0);
  }
}
