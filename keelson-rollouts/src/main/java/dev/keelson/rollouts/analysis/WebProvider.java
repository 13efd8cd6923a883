package dev.keelson.rollouts.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.rollouts.v1alpha1.WebMetric;
import dev.keelson.api.rollouts.v1alpha1.WebMetricHeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code web} provider: one HTTP request; the JSON response, or the value at {@code jsonPath}
 * ({@code {$.data.ok}}, dotted fields and list indices), is the {@code result}. A non-2xx answer is
 * an error, as in Argo Rollouts.
 */
final class WebProvider {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  Object measure(WebMetric web) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.url))
        .timeout(Duration.ofSeconds(web.timeoutSeconds == null ? 10 : web.timeoutSeconds));
    for (WebMetricHeader h : web.headers == null ? List.<WebMetricHeader>of() : web.headers) {
      request.header(h.key, h.value);
    }
    String method = web.method == null ? "GET" : web.method.toUpperCase(java.util.Locale.ROOT);
    request.method(method, web.body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(web.body));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode() + " from " + web.url);
    }
    Object body = JSON.readValue(response.body(), Object.class);
    return web.jsonPath == null || web.jsonPath.isBlank() ? body : at(body, web.jsonPath);
  }

  /** The value at a JSONPath of the simple forms Argo's examples use: {@code {$.a.b}}, {@code $.a[0].b}. */
  static Object at(Object root, String path) throws IOException {
    String p = path.trim();
    if (p.startsWith("{") && p.endsWith("}")) p = p.substring(1, p.length() - 1).trim();
    if (!p.startsWith("$")) throw new IOException("jsonPath must start with $: " + path);
    Object current = root;
    for (String part : p.substring(1).replace("[", ".[").split("\\.")) {
      if (part.isEmpty()) continue;
      if (part.startsWith("[") && part.endsWith("]")) {
        if (!(current instanceof List<?> list)) throw new IOException(path + ": not a list at " + part);
        int i = Integer.parseInt(part.substring(1, part.length() - 1));
        if (i >= list.size()) throw new IOException(path + ": no element " + i);
        current = list.get(i);
      } else {
        if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) throw new IOException(path + ": no field " + part);
        current = map.get(part);
      }
    }
    return current;
  }
}
