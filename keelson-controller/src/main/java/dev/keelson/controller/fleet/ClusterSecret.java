package dev.keelson.controller.fleet;

import java.util.Map;

/**
 * A cluster, as its Secret in the controller's namespace describes it (Argo CD's format).
 *
 * @param secretName the Secret's own name
 * @param name the cluster's name ({@code spec.destination.name}); the Secret's name when unset
 * @param server its API server URL ({@code spec.destination.server}), without a trailing slash
 * @param labels the Secret's labels, which are the cluster's (ApplicationSet selectors)
 * @param credentials how to reach it; never printed
 */
public record ClusterSecret(String secretName, String name, String server, Map<String, String> labels,
    ClusterCredentials credentials) {

  public ClusterSecret {
    labels = Map.copyOf(labels);
  }

  @Override
  public String toString() {
    return "ClusterSecret[" + name + " " + server + "]";
  }
}
