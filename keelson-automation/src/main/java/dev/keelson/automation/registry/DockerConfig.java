package dev.keelson.automation.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code .dockerconfigjson} of a {@code kubernetes.io/dockerconfigjson} Secret: the entry of
 * {@code auths} for a registry host, with {@code auth} (base64 of user:password) or
 * {@code username}/{@code password}. Keys are compared by host, so {@code https://ghcr.io/v2/}
 * and {@code ghcr.io} are the same entry; Docker Hub's historic key stands for docker.io.
 */
public final class DockerConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerConfig() {}

  /** @throws IllegalArgumentException when the JSON is not a docker config (never quoting it) */
  public static RegistryCredentials credentialsFor(String json, String registryHost) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(".dockerconfigjson is not JSON");
    }
    JsonNode auths = root == null ? null : root.get("auths");
    if (auths == null || !auths.isObject()) throw new IllegalArgumentException(".dockerconfigjson has no auths");
    String wanted = host(registryHost);
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!host(e.getKey()).equals(wanted)) continue;
      JsonNode entry = e.getValue();
      String user = text(entry, "username");
      String password = text(entry, "password");
      String auth = text(entry, "auth");
      if (auth != null) {
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(".dockerconfigjson: the auth of " + e.getKey() + " is not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException(".dockerconfigjson: the auth of " + e.getKey() + " is not user:password");
        return new RegistryCredentials.Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
      }
      if (user != null && password != null) return new RegistryCredentials.Basic(user, password);
      String token = text(entry, "identitytoken");
      if (token != null) return new RegistryCredentials.Basic("<token>", token);
    }
    return RegistryCredentials.ANONYMOUS;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
  }

  static String host(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT);
    int scheme = k.indexOf("://");
    if (scheme >= 0) k = k.substring(scheme + 3);
    int slash = k.indexOf('/');
    if (slash >= 0) k = k.substring(0, slash);
    return switch (k) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> k;
    };
  }
}
