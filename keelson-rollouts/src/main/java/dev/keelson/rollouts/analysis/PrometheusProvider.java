package dev.keelson.rollouts.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.rollouts.v1alpha1.PrometheusMetric;
import dev.keelson.api.rollouts.v1alpha1.WebMetricHeader;
import dev.keelson.rollouts.canary.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code prometheus} provider: one instant query against {@code address}'s HTTP API
 * ({@code /api/v1/query}). As in Argo Rollouts, a vector is the {@code result} as a list of its
 * samples' values ({@code result[0]}), a scalar is a number; an API error or a matrix is an
 * error. {@code timeout} is seconds ({@code 30}) or a duration ({@code 30s}), default 30 s; it
 * is passed to Prometheus too, so a slow query is cut there. {@code headers} go with every query;
 * {@code authentication.oauth2} gets a client-credentials token from {@code tokenUrl} for each
 * measurement and sends it as a bearer token ({@code sigv4} is refused); {@code insecure} skips
 * verifying the server's certificate and host name. Header values and secrets never appear in
 * the errors, which end up in the run's status.
 */
final class PrometheusProvider {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final HttpClient insecureHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .sslContext(InsecureTls.context()).build();

  Object measure(PrometheusMetric prometheus) throws IOException, InterruptedException {
    if (prometheus.address == null || prometheus.address.isBlank()) throw new IllegalArgumentException("prometheus.address is required");
    if (prometheus.query == null || prometheus.query.isBlank()) throw new IllegalArgumentException("prometheus.query is required");
    Duration timeout = prometheus.timeout == null ? DEFAULT_TIMEOUT : Durations.parse(prometheus.timeout);
    String base = prometheus.address.endsWith("/") ? prometheus.address.substring(0, prometheus.address.length() - 1)
        : prometheus.address;
    URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(prometheus.query, StandardCharsets.UTF_8)
        + "&timeout=" + timeout.toSeconds() + "s");
    HttpClient client = Boolean.TRUE.equals(prometheus.insecure) ? insecureHttp : http;
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    for (WebMetricHeader h : prometheus.headers == null ? List.<WebMetricHeader>of() : prometheus.headers) {
      if (h.key == null || h.key.isBlank()) throw new IllegalArgumentException("prometheus.headers[].key is required");
      request.header(h.key, h.value == null ? "" : h.value);
    }
    if (prometheus.authentication != null) {
      if (prometheus.authentication.sigv4 != null) {
        throw new IllegalArgumentException("prometheus.authentication.sigv4 is not supported (oauth2 is)");
      }
      if (prometheus.authentication.oauth2 != null) {
        request.header("Authorization", "Bearer " + OAuth2ClientCredentials.token(client, prometheus.authentication.oauth2,
            timeout));
      }
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IOException("HTTP " + response.statusCode() + " from " + base + ": not a Prometheus API answer");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new IOException("Prometheus at " + base + ": " + body.path("errorType").asText("error") + ": "
          + body.path("error").asText("HTTP " + response.statusCode()));
    }
    return result(body.path("data"));
  }

  /** A vector as the list of its values, a scalar as its value (Argo Rollouts' shapes). */
  static Object result(JsonNode data) throws IOException {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    switch (type) {
      case "vector": {
        List<Double> values = new ArrayList<>();
        for (JsonNode sample : result) values.add(number(sample.path("value").path(1)));
        return values;
      }
      case "scalar":
        return number(result.path(1));
      default:
        throw new IOException("Prometheus query returned a " + type + "; a vector or a scalar is expected");
    }
  }

  private static double number(JsonNode text) throws IOException {
    try {
      return Double.parseDouble(text.asText());
    } catch (NumberFormatException e) {
      throw new IOException("not a number in the Prometheus answer: " + text);
    }
  }
}
