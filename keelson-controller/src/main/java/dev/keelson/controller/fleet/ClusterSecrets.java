package dev.keelson.controller.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Reads cluster Secrets: Keelson's label, or Argo CD's, and Argo CD's data keys. */
public final class ClusterSecrets {

  public static final String TYPE_LABEL = "keelson.dev/secret-type";
  public static final String ARGOCD_TYPE_LABEL = "argocd.argoproj.io/secret-type";
  public static final String CLUSTER = "cluster";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterSecrets() {}

  public static boolean isClusterSecret(Secret s) {
    Map<String, String> labels = s.getMetadata().getLabels();
    return labels != null && (CLUSTER.equals(labels.get(TYPE_LABEL)) || CLUSTER.equals(labels.get(ARGOCD_TYPE_LABEL)));
  }

  /**
   * The cluster the Secret describes.
   *
   * @throws IllegalArgumentException naming the Secret and the field, never a value
   */
  public static ClusterSecret parse(Secret s) {
    String secret = "Secret " + s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
    Map<String, String> data = dev.keelson.controller.repos.SecretData.of(s);
    String server = data.get("server");
    if (server == null || server.isBlank()) {
      throw new IllegalArgumentException(secret + ": server is required");
    }
    String name = data.getOrDefault("name", "").isBlank() ? s.getMetadata().getName() : data.get("name").trim();
    ClusterCredentials credentials;
    if (data.get("kubeconfig") != null && !data.get("kubeconfig").isBlank()) {
      credentials = new ClusterCredentials.Kubeconfig(data.get("kubeconfig"));
    } else {
      credentials = config(secret, data.getOrDefault("config", "{}"));
    }
    Map<String, String> labels = s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
    return new ClusterSecret(s.getMetadata().getName(), name,
        dev.keelson.controller.app.ClusterRef.stripSlash(server.trim()), labels, credentials);
  }

  private static ClusterCredentials.Config config(String secret, String json) {
    JsonNode c;
    try {
      c = JSON.readTree(json.isBlank() ? "{}" : json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(secret + ": config is not JSON");
    }
    for (String unsupported : new String[] {"execProviderConfig", "awsAuthConfig"}) {
      if (c.has(unsupported)) {
        throw new IllegalArgumentException(secret + ": config." + unsupported
            + " is not supported; give a bearerToken, a client certificate or a kubeconfig");
      }
    }
    JsonNode tls = c.path("tlsClientConfig");
    return new ClusterCredentials.Config(text(c, "bearerToken"), text(c, "username"), text(c, "password"),
        pem(secret, tls, "caData"), pem(secret, tls, "certData"), pem(secret, tls, "keyData"),
        tls.path("insecure").asBoolean(false), text(tls, "serverName"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  /** Argo CD keeps PEM base64-encoded in these fields. */
  private static String pem(String secret, JsonNode tls, String field) {
    String v = text(tls, field);
    if (v == null) return null;
    try {
      return new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(secret + ": config.tlsClientConfig." + field + " is not base64");
    }
  }

}
