package dev.keelson.controller.fleet;

/** How a cluster is reached: Argo CD's {@code config} JSON, or a kubeconfig. Never printed. */
public sealed interface ClusterCredentials {

  /**
   * Argo CD's {@code config}: a bearer token or basic auth, and TLS settings.
   *
   * @param caData PEM of the CA, or null for the system's trust
   * @param certData PEM of a client certificate, with {@code keyData}, or null
   */
  record Config(String bearerToken, String username, String password, String caData, String certData,
      String keyData, boolean insecure, String serverName) implements ClusterCredentials {
    @Override
    public String toString() {
      return "Config[***]";
    }
  }

  /** A whole kubeconfig (its current context). */
  record Kubeconfig(String yaml) implements ClusterCredentials {
    @Override
    public String toString() {
      return "Kubeconfig[***]";
    }
  }
}
