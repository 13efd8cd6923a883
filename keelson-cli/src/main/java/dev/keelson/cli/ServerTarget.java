package dev.keelson.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --server URL} of the app commands that can go through a Keelson server instead of the
 * cluster ({@code list}, {@code get}, {@code sync}, {@code diff}): then they use the server's
 * HTTP API with the token {@code keelson login} stored, and need no kubeconfig, only an account
 * the server's RBAC lets do it; what they print is the same.
 */
final class ServerTarget {
  @Option(names = "--server", paramLabel = "URL",
      description = "Go through this Keelson server's HTTP API (with the token `keelson login` stored) instead of the cluster.")
  URI server;

  @Option(names = "--config", paramLabel = "FILE",
      description = "With --server: where `keelson login` stored the token (default: ~/.config/keelson/config).")
  Path config;

  private static final ObjectMapper JSON = new ObjectMapper();

  boolean given() {
    return server != null;
  }

  ServerApi api() throws IOException {
    return ServerApi.connect(server, config);
  }

  /** The namespace without a kubeconfig to default from: {@code -n}, else {@code default}. */
  static String namespace(AppOptions app) {
    return app.namespace != null ? app.namespace : "default";
  }

  /**
   * The server's view of one app ({@code {summary, annotations, resourceVersion, spec, status}})
   * as the Application it was made from, so that it prints as the cluster's would.
   */
  static Application application(JsonNode detail) {
    ObjectNode a = JSON.createObjectNode();
    a.put("apiVersion", "keelson.dev/v1alpha1");
    a.put("kind", "Application");
    ObjectNode meta = a.putObject("metadata");
    meta.put("namespace", detail.path("summary").path("namespace").asText());
    meta.put("name", detail.path("summary").path("name").asText());
    if (detail.hasNonNull("resourceVersion")) meta.put("resourceVersion", detail.get("resourceVersion").asText());
    if (detail.path("annotations").isObject() && !detail.get("annotations").isEmpty()) {
      meta.set("annotations", detail.get("annotations"));
    }
    if (detail.hasNonNull("summary") && detail.get("summary").path("labels").isObject()
        && !detail.get("summary").get("labels").isEmpty()) {
      meta.set("labels", detail.get("summary").get("labels"));
    }
    if (detail.hasNonNull("spec")) a.set("spec", detail.get("spec"));
    if (detail.hasNonNull("status")) a.set("status", detail.get("status"));
    return Serialization.unmarshal(a.toString(), Application.class);
  }
}
