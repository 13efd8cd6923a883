package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An inline analysis step with the web provider against a small HTTP endpoint the test runs. */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RolloutAnalysisTest extends RolloutTestBase {
  private HttpServer server;
  private final AtomicReference<String> successRate = new AtomicReference<>("0.99");

  @BeforeEach
  void endpoint() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/rate", exchange -> {
      byte[] body = ("{\"data\": {\"rate\": " + successRate.get() + "}}").getBytes(StandardCharsets.UTF_8);
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

  private void setUp() {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: success-rate}
        spec:
          args: [{name: path}]
          metrics:
          - name: success-rate
            interval: 1s
            count: 2
            successCondition: result >= 0.95
            failureCondition: result < 0.5
            provider:
              web:
                url: http://127.0.0.1:%d/{{args.path}}
                jsonPath: "{$.data.rate}"
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
              steps:
              - setWeight: 50
              - analysis:
                  templates: [{templateName: success-rate}]
                  args: [{name: path, value: rate}]
        """);
  }

  @Test
  void aPassingAnalysisPromotes() {
    setUp();
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    setVersion("web", "2");
    var done = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)
        && r.getStatus().currentPodHash.equals(r.getStatus().stableRS) && r.getStatus().currentStepIndex == 2);
    AnalysisRun run = client.resources(AnalysisRun.class).inNamespace(ns)
        .withName("web-" + done.getStatus().currentPodHash + "-2").get();
    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(run.getStatus().metricResults.get(0).measurements).hasSize(2)
        .allSatisfy(m -> assertThat(m.value).isEqualTo("0.99"));
  }

  @Test
  void aFailingAnalysisAbortsWithTheMetricAndItsValues() {
    setUp();
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    successRate.set("0.42");
    setVersion("web", "bad");
    var aborted = awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    assertThat(aborted.getStatus().message).contains("success-rate").contains("0.42");
    assertThat(aborted.getStatus().stableRS).isEqualTo(v1);
    awaitReplicas("web", aborted.getStatus().currentPodHash, 0);
    awaitReplicas("web", v1, 2);
    assertThat(selectorHash("web-stable")).isEqualTo(v1);
  }

  @Test
  void anInconclusiveAnalysisPausesUntilPromoted() {
    setUp();
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    successRate.set("0.7");
    setVersion("web", "2");
    var paused = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase));
    assertThat(paused.getStatus().message).contains("inconclusive");
    assertThat(paused.getStatus().currentStepIndex).isEqualTo(1);
    request("web", dev.keelson.rollouts.runtime.RolloutRequest.Action.promote);
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)
        && r.getStatus().currentPodHash.equals(r.getStatus().stableRS));
  }
}
