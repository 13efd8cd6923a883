package dev.keelson.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo CD's cluster Secrets, moved to the controller's namespace with Keelson's label. The data
 * keys are Argo CD's already (Keelson reads them unchanged); those Keelson does not honour are
 * reported, by name, never by value.
 */
final class ArgoClusterSecrets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KEYS = List.of("name", "server", "config", "kubeconfig");

  private ArgoClusterSecrets() {}

  static Map<String, Object> convert(Fields root, ImportOptions options) {
    String type = secretType(Map.of("metadata", root.peek("metadata") == null ? Map.of() : root.peek("metadata")));
    if (!"cluster".equals(type)) {
      root.warnHere(type == null ? "not an Argo CD cluster or repository Secret; left out"
          : "an Argo CD " + type + " Secret; left out");
      return null;
    }
    root.ignore("apiVersion", "kind", "type");
    Fields metaFields = root.object("metadata");
    Map<String, Object> metadata = Metadata.read(metaFields, options.controllerNamespace());
    @SuppressWarnings("unchecked")
    Map<String, String> newLabels = new LinkedHashMap<>((Map<String, String>) metadata.get("labels"));
    newLabels.remove(KeelsonKinds.ARGOCD_SECRET_LABEL);
    newLabels.put(KeelsonKinds.CLUSTER_SECRET_LABEL, "cluster");
    metadata.put("labels", newLabels);
    metaFields.drop("finalizers", "not carried over");

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "v1");
    out.put("kind", "Secret");
    out.put("metadata", metadata);
    out.put("type", root.peek("type") == null ? "Opaque" : root.peek("type"));
    Map<String, String> data = root.stringMap("data");
    Map<String, String> stringData = root.stringMap("stringData");
    if (data != null) {
      data.forEach((k, v) -> check(root, "data", k, decode(v)));
      out.put("data", data);
    }
    if (stringData != null) {
      stringData.forEach((k, v) -> check(root, "stringData", k, v));
      out.put("stringData", stringData);
    }
    return out;
  }

  private static void check(Fields root, String field, String key, String value) {
    String path = field + "." + key;
    switch (key) {
      case "config" -> {
        JsonNode config;
        try {
          config = JSON.readTree(value == null || value.isBlank() ? "{}" : value);
        } catch (java.io.IOException e) {
          root.warn(path, "not JSON; Keelson refuses this Secret");
          return;
        }
        for (String refused : List.of("execProviderConfig", "awsAuthConfig")) {
          if (config.has(refused)) {
            root.warn(path + "." + refused, "Keelson refuses it; give a bearerToken, a client certificate"
                + " or a kubeconfig key");
          }
        }
        if (config.path("tlsClientConfig").has("serverName")) {
          root.warn(path + ".tlsClientConfig.serverName", "not honoured; use a server URL whose host the"
              + " certificate names");
        }
      }
      case "project" -> root.warn(path, "Keelson has no project-scoped clusters; kept in the Secret, not read");
      case "namespaces", "clusterResources" -> root.warn(path, "Keelson always manages the whole cluster;"
          + " kept in the Secret, not read");
      default -> {
        if (!KEYS.contains(key)) root.warn(path, "Keelson does not read it; kept in the Secret");
      }
    }
  }

  /** The value of Argo CD's secret-type label, or null. */
  static String secretType(Map<String, Object> object) {
    Object meta = object.get("metadata");
    Object labels = meta instanceof Map<?, ?> m ? m.get("labels") : null;
    Object type = labels instanceof Map<?, ?> l ? l.get(KeelsonKinds.ARGOCD_SECRET_LABEL) : null;
    return type == null ? null : type.toString();
  }

  static String decode(String base64) {
    try {
      return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
