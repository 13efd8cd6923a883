package dev.keelson.controller.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code keelson cluster add} does, as {@code argocd cluster add} does: a ServiceAccount
 * bound to cluster-admin in the target's {@code kube-system}, its token, and the cluster Secret in
 * the controller's namespace carrying the target's server, CA and that token.
 */
public final class ClusterRegistration {

  public static final String SERVICE_ACCOUNT = "keelson-manager";
  static final String TOKEN_SECRET = "keelson-manager-token";
  static final String SYSTEM_NAMESPACE = "kube-system";
  private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterRegistration() {}

  /** The name of the Secret that describes cluster {@code name}. */
  public static String secretName(String name) {
    return "cluster-" + name;
  }

  /**
   * Registers the target. Idempotent: an existing ServiceAccount, binding or Secret is updated.
   *
   * @return the cluster Secret written
   */
  public static Secret add(KubernetesClient control, String controllerNamespace, KubernetesClient target,
      String name, Map<String, String> labels) throws IOException {
    target.serviceAccounts().inNamespace(SYSTEM_NAMESPACE).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName(SERVICE_ACCOUNT).endMetadata().build()).serverSideApply();
    target.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
        .withNewMetadata().withName(SERVICE_ACCOUNT + "-role-binding").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin")
        .endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(SERVICE_ACCOUNT).withNamespace(SYSTEM_NAMESPACE).endSubject()
        .build()).serverSideApply();
    // A long-lived token Secret, which every API server version fills in (1.24+ no longer makes one).
    target.secrets().inNamespace(SYSTEM_NAMESPACE).resource(new SecretBuilder().withNewMetadata()
        .withName(TOKEN_SECRET).withAnnotations(Map.of("kubernetes.io/service-account.name", SERVICE_ACCOUNT))
        .endMetadata().withType("kubernetes.io/service-account-token").build()).serverSideApply();
    String token = awaitToken(target);

    Config t = target.getConfiguration();
    ObjectNode config = JSON.createObjectNode();
    config.put("bearerToken", token);
    ObjectNode tls = config.putObject("tlsClientConfig");
    String ca = caData(t);
    if (ca != null) tls.put("caData", ca);
    if (t.isTrustCerts()) tls.put("insecure", true);

    Map<String, String> allLabels = new LinkedHashMap<>(labels);
    allLabels.put(ClusterSecrets.TYPE_LABEL, ClusterSecrets.CLUSTER);
    if (control.namespaces().withName(controllerNamespace).get() == null) {
      try {
        control.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(controllerNamespace)
            .endMetadata().build()).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) throw e;
      }
    }
    Secret secret = new SecretBuilder().withNewMetadata().withName(secretName(name)).withNamespace(controllerNamespace)
        .withLabels(allLabels).endMetadata()
        .withStringData(Map.of("name", name, "server", stripSlash(t.getMasterUrl()), "config", JSON.writeValueAsString(config)))
        .build();
    return control.secrets().inNamespace(controllerNamespace).resource(secret).forceConflicts().serverSideApply();
  }

  private static String awaitToken(KubernetesClient target) {
    Secret filled;
    try {
      filled = target.secrets().inNamespace(SYSTEM_NAMESPACE).withName(TOKEN_SECRET).waitUntilCondition(
          s -> s != null && s.getData() != null && s.getData().get("token") != null,
          TOKEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException e) {
      throw new IllegalStateException("the target cluster did not fill in the token of Secret "
          + SYSTEM_NAMESPACE + "/" + TOKEN_SECRET + " within " + TOKEN_TIMEOUT.toSeconds() + "s"
          + " (is kube-controller-manager running?)");
    }
    return new String(Base64.getDecoder().decode(filled.getData().get("token")), StandardCharsets.UTF_8);
  }

  /** Argo CD's caData: base64 of the PEM. */
  private static String caData(Config c) throws IOException {
    if (c.getCaCertData() != null && !c.getCaCertData().isBlank()) return c.getCaCertData();
    if (c.getCaCertFile() != null && !c.getCaCertFile().isBlank()) {
      return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(c.getCaCertFile())));
    }
    return null;
  }

  private static String stripSlash(String url) {
    return dev.keelson.controller.app.ClusterRef.stripSlash(url);
  }
}
