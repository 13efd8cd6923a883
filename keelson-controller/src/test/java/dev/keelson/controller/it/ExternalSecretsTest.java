package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * External Secrets Operator objects, with their CRD installed and their status written by the test
 * in the operator's place: assessed by Ready, and applied before the workloads that mount their Secret.
 */
class ExternalSecretsTest extends ControllerTestBase {

  private static final ResourceDefinitionContext EXTERNAL_SECRETS = new ResourceDefinitionContext.Builder()
      .withGroup("external-secrets.io").withVersion("v1beta1").withKind("ExternalSecret")
      .withPlural("externalsecrets").withNamespaced(true).build();

  @BeforeAll
  static void externalSecretsCrd() {
    CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: externalsecrets.external-secrets.io}
        spec:
          group: external-secrets.io
          scope: Namespaced
          names: {kind: ExternalSecret, listKind: ExternalSecretList, plural: externalsecrets, singular: externalsecret}
          versions:
          - name: v1beta1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """, CustomResourceDefinition.class);
    client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
    await().atMost(TIMEOUT).until(() -> {
      var c = client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get();
      return c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
          .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus()));
    });
  }

  @Test
  @DisplayName("an ExternalSecret waits for Ready, and the Deployment mounting its Secret is applied only after it")
  void externalSecretBeforeItsWorkload() throws Exception {
    repo.write("app/external-secret.yaml", """
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata: {name: db-creds}
        spec:
          refreshInterval: 1h
          secretStoreRef: {name: vault, kind: SecretStore}
          target: {name: db}
          data:
          - secretKey: password
            remoteRef: {key: prod/db, property: password}
        """);
    repo.write("app/deployment.yaml", Manifests.deployment("web", 1).replace("    spec:\n      containers:",
        "    spec:\n      volumes:\n      - name: creds\n        secret: {secretName: db}\n      containers:"));
    repo.commit("external secret and its user");
    createApp(Manifests.application("es", ns, repo.url(), "app", true, true, false, "2s"));

    await().atMost(TIMEOUT).until(() -> client.genericKubernetesResources(EXTERNAL_SECRETS).inNamespace(ns)
        .withName("db-creds").get() != null);
    // The wave of the ExternalSecret has not turned healthy: nothing of the next wave is applied.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> client.apps().deployments().inNamespace(ns).withName("web").get() == null);
    assertThat(app("es").getStatus().health.status).isIn("Missing", "Progressing");

    // What the operator does: the Secret, then Ready on the ExternalSecret.
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
        .withStringData(Map.of("password", "from-the-store")).build()).create();
    GenericKubernetesResource es = client.genericKubernetesResources(EXTERNAL_SECRETS).inNamespace(ns)
        .withName("db-creds").get();
    es.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True",
        "reason", "SecretSynced", "message", "Secret was synced"))));
    client.genericKubernetesResources(EXTERNAL_SECRETS).inNamespace(ns).resource(es).updateStatus();

    awaitApp("es", a -> synced(a) && healthy(a));
    assertThat(client.apps().deployments().inNamespace(ns).withName("web").get()).isNotNull();
  }
}
