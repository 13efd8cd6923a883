package dev.keelson.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A Keelson server's HTTP API, for the app commands given {@code --server}: the session token
 * {@code keelson login} stored for that server sent as a bearer token (so no CSRF header is
 * needed), JSON both ways, the API's {@code {code, message}} errors turned into one line.
 */
final class ServerApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String token;

  private ServerApi(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** An error answer of the API, or the server not answering at all. */
  static final class Failure extends RuntimeException {
    final int status;
    final String code;

    Failure(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /**
   * The server as {@code keelson login} normalised it, with its stored token.
   *
   * @throws IllegalArgumentException when no login is stored for it, or the stored one expired
   */
  static ServerApi connect(URI server, Path config) throws IOException {
    String base = server.toString().replaceAll("/+$", "");
    Path file = config != null ? config : CliConfig.defaultPath();
    CliConfig.ServerEntry entry = CliConfig.read(file).entry(base).orElseThrow(() -> new IllegalArgumentException(
        "not logged in to " + base + ": run keelson login --server " + base + " --username NAME"));
    if (expired(entry.expiresAt())) {
      throw new IllegalArgumentException("the session for " + base + " expired at " + entry.expiresAt()
          + ": run keelson login --server " + base + " --username " + entry.username());
    }
    return new ServerApi(base, entry.token());
  }

  private static boolean expired(String expiresAt) {
    if (expiresAt == null || expiresAt.isBlank()) return false;
    try {
      return Instant.parse(expiresAt).isBefore(Instant.now());
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static String appPath(String namespace, String name) {
    return "/api/v1/applications/" + encode(namespace) + "/" + encode(name);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  JsonNode post(String path, Object body) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json").header("Authorization", "Bearer " + token);
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new Failure(0, "unreachable", "the server " + base + " does not answer");
    }
    JsonNode body;
    try {
      body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      body = JSON.createObjectNode();
    }
    if (r.statusCode() >= 200 && r.statusCode() < 300) return body;
    String message = body.path("message").asText("HTTP " + r.statusCode());
    if (r.statusCode() == 401) {
      message += " (log in again: keelson login --server " + base + ")";
    }
    throw new Failure(r.statusCode(), body.path("code").asText(String.valueOf(r.statusCode())), message);
  }
}
