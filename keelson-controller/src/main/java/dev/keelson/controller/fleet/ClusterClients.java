package dev.keelson.controller.fleet;

import dev.keelson.core.project.ServiceAccountRef;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A client for a cluster Secret. Remote clusters get short timeouts: a cluster that stops
 * answering must fail its own apps quickly, not hold the threads other clusters' apps need.
 */
public final class ClusterClients {

  static final int CONNECT_TIMEOUT_MS = 5_000;
  static final int REQUEST_TIMEOUT_MS = 15_000;

  private ClusterClients() {}

  public static KubernetesClient create(ClusterSecret cluster) {
    Config config = cluster.credentials() instanceof ClusterCredentials.Kubeconfig k
        ? Config.fromKubeconfig(k.yaml())
        : fromArgoConfig(cluster.server(), (ClusterCredentials.Config) cluster.credentials());
    config.setMasterUrl(cluster.server());
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setRequestTimeout(REQUEST_TIMEOUT_MS);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * A client with {@code base}'s server and credentials that acts as the ServiceAccount: the API
   * server authorises each request as that account (Kubernetes user impersonation, which the
   * controller's own identity must be allowed: verb {@code impersonate} on serviceaccounts and groups).
   */
  public static KubernetesClient impersonating(KubernetesClient base, ServiceAccountRef account) {
    Config config = new ConfigBuilder(base.getConfiguration())
        .withImpersonateUsername(account.username())
        .withImpersonateGroups(account.groups().toArray(String[]::new))
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static Config fromArgoConfig(String server, ClusterCredentials.Config c) {
    ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(server)
        .withTrustCerts(c.insecure()).withDisableHostnameVerification(c.insecure());
    if (c.bearerToken() != null) b.withOauthToken(c.bearerToken());
    if (c.username() != null) b.withUsername(c.username()).withPassword(c.password());
    if (c.caData() != null) b.withCaCertData(b64(c.caData()));
    if (c.certData() != null) b.withClientCertData(b64(c.certData()));
    if (c.keyData() != null) b.withClientKeyData(b64(c.keyData()));
    // fabric8 has no TLS server name override; a serverName is honoured only as far as the URL's host allows
    return b.build();
  }

  private static String b64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
