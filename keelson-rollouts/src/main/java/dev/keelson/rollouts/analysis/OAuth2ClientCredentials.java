package dev.keelson.rollouts.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.rollouts.v1alpha1.PrometheusAuthentication.OAuth2Config;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * OAuth2's client-credentials grant (RFC 6749 4.4), as Argo Rollouts' prometheus provider does
 * it: the client id and secret in HTTP basic authentication, {@code grant_type} and the scopes in
 * the form body; the answer's {@code access_token} is the bearer token. Nothing of the secret or
 * the token goes into an error.
 */
final class OAuth2ClientCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OAuth2ClientCredentials() {}

  static String token(HttpClient http, OAuth2Config config, Duration timeout) throws IOException, InterruptedException {
    if (config.tokenUrl == null || config.tokenUrl.isBlank()) {
      throw new IllegalArgumentException("prometheus.authentication.oauth2.tokenUrl is required");
    }
    if (config.clientId == null || config.clientSecret == null) {
      throw new IllegalArgumentException("prometheus.authentication.oauth2: clientId and clientSecret are required");
    }
    String basic = Base64.getEncoder().encodeToString((form(config.clientId) + ":" + form(config.clientSecret))
        .getBytes(StandardCharsets.UTF_8));
    String body = "grant_type=client_credentials"
        + (config.scopes == null || config.scopes.isEmpty() ? "" : "&scope=" + form(String.join(" ", config.scopes)));
    HttpRequest request = HttpRequest.newBuilder(URI.create(config.tokenUrl)).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("OAuth2 token request to " + config.tokenUrl + " answered HTTP " + response.statusCode());
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IOException("OAuth2 token request to " + config.tokenUrl + ": not a JSON answer");
    }
    String token = answer.path("access_token").asText("");
    if (token.isEmpty()) throw new IOException("OAuth2 token request to " + config.tokenUrl + ": no access_token");
    return token;
  }

  /** RFC 6749 2.3.1: the id and secret are form-encoded before the basic encoding. */
  private static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
