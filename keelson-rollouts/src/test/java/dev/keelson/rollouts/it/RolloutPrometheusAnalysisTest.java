package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A canary's analysis step with the prometheus provider against a real Prometheus, which scrapes
 * request counters from an endpoint the test runs; the test sets how many requests failed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RolloutPrometheusAnalysisTest extends RolloutTestBase {
  private static final String ERROR_RATE = "sum(http_requests_total{service=\"web\",code=~\"5..\"})"
      + " / sum(http_requests_total{service=\"web\"})";
  private static HttpServer app;
  private static PrometheusServer prometheus;
  private static final AtomicInteger errors = new AtomicInteger();

  @BeforeAll
  static void startPrometheus() throws Exception {
    app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/metrics", exchange -> {
      int failed = errors.get();
      byte[] body = ("""
          # TYPE http_requests_total counter
          http_requests_total{service="web",code="200"} %d
          http_requests_total{service="web",code="500"} %d
          """.formatted(100 - failed, failed)).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    app.start();
    prometheus = PrometheusServer.start("127.0.0.1:" + app.getAddress().getPort());
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    if (prometheus != null) prometheus.close();
    if (app != null) app.stop(0);
  }

  /** Sets the share of failed requests (of 100) and waits until Prometheus has scraped it. */
  private static void errorRate(int percent) {
    errors.set(percent);
    String expected = "\"" + (percent == 0 ? "0" : String.valueOf(percent / 100.0)) + "\"";
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> prometheus.query(ERROR_RATE).contains(expected));
  }

  private void setUp() {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: error-rate}
        spec:
          args: [{name: service}, {name: address}]
          metrics:
          - name: error-rate
            interval: 1s
            count: 2
            successCondition: result[0] < 0.05
            failureCondition: result[0] >= 0.05
            provider:
              prometheus:
                address: "{{args.address}}"
                timeout: 5
                query: |
                  sum(http_requests_total{service="{{args.service}}",code=~"5.."})
                  / sum(http_requests_total{service="{{args.service}}"})
        """, AnalysisTemplate.class)).inNamespace(ns).create();
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
                  templates: [{templateName: error-rate}]
                  args: [{name: service, value: web}, {name: address, value: "%s"}]
        """.formatted(prometheus.address()));
  }

  @Test
  void aLowErrorRatePromotes() {
    errorRate(1);
    setUp();
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    setVersion("web", "2");
    var done = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)
        && r.getStatus().currentPodHash.equals(r.getStatus().stableRS) && r.getStatus().currentStepIndex == 2);
    AnalysisRun run = client.resources(AnalysisRun.class).inNamespace(ns)
        .withName("web-" + done.getStatus().currentPodHash + "-2").get();
    assertThat(run.getStatus().phase).isEqualTo("Successful");
    assertThat(run.getStatus().metricResults.get(0).measurements).hasSize(2)
        .allSatisfy(m -> assertThat(m.value).isEqualTo("[0.01]"));
  }

  @Test
  void aHighErrorRateAbortsTheCanaryWithTheMetricAndItsValues() {
    errorRate(42);
    setUp();
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    setVersion("web", "2");
    var aborted = awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    assertThat(aborted.getStatus().message).contains("error-rate").contains("0.42");
    assertThat(aborted.getStatus().stableRS).isEqualTo(v1);
    awaitReplicas("web", aborted.getStatus().currentPodHash, 0);
    assertThat(selectorHash("web-stable")).isEqualTo(v1);
    // the measurement is exported: its value and the metric's phase
    String runName = "web-" + aborted.getStatus().currentPodHash + "-2";
    assertThat(METERS.get("keelson_analysis_measurement_value").tag("namespace", ns).tag("name", runName)
        .tag("metric", "error-rate").gauge().value()).isEqualTo(0.42);
    assertThat(METERS.get("analysis_run_metric_phase").tag("namespace", ns).tag("name", runName).tag("phase", "Failed").gauge().value())
        .isEqualTo(1.0);
    assertThat(METERS.get("keelson_analysis_measurements_total").tag("namespace", ns).tag("name", runName).tag("phase", "Failed")
        .counter().count()).isEqualTo(1.0);
  }
}
