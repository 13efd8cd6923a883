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

  /** Whether {@code ref} names this cluster: by its name or by its server. */
  public boolean matches(dev.keelson.controller.app.ClusterRef ref) {
    return (ref instanceof dev.keelson.controller.app.ClusterRef.ByName n && n.name().equals(name))
        || (ref instanceof dev.keelson.controller.app.ClusterRef.ByServer s && s.server().equals(server));
  }

  @Override
  public String toString() {
    return "ClusterSecret[" + name + " " + server + "]";
  }
}
