package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.controller.sealed.SealedSecretsOptions;
import dev.keelson.localcluster.TestCluster;
import dev.keelson.secrets.sealed.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** `keelson seal` against a running controller: the published certificate and the cluster's keys. */
class SealClusterTest {
  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonController controller;
  static String kubeconfig;
  static String keyNs;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
    SealRun.Result install = SealRun.run("", "install", "--kubeconfig", kubeconfig);
    assertThat(install.code()).as(install.err()).isZero();
    assertThat(install.out()).contains("customresourcedefinition sealedsecrets.bitnami.com installed");
    keyNs = cluster.createNamespace("cli-keys");
    controller = KeelsonController.start(client,
        ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null)
            .withSealedSecrets(SealedSecretsOptions.defaults().withKeyNamespace(keyNs)));
    await().atMost(Duration.ofSeconds(60)).until(() -> client.configMaps().inNamespace(keyNs).withName("sealed-secrets-cert").get() != null);
  }

  @AfterAll
  static void stop() {
    if (controller != null) controller.close();
    if (client != null) client.close();
  }

  @Test
  @DisplayName("--fetch-cert prints the certificate the controller publishes; sealing without --cert uses it and the controller opens the result")
  void fetchCertAndSealForTheCluster() throws Exception {
    SealRun.Result cert = SealRun.run("", "seal", "--fetch-cert", "--controller-namespace", keyNs, "--kubeconfig", kubeconfig);
    assertThat(cert.code()).as(cert.err()).isZero();
    assertThat(cert.out()).isEqualTo(client.configMaps().inNamespace(keyNs).withName("sealed-secrets-cert").get().getData().get("cert.pem"));
    assertThat(Pem.parsePublicKey(cert.out(), "fetched").getModulus().bitLength()).isEqualTo(4096);

    String ns = cluster.createNamespace("cli-sealed");
    String secret = """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"api"},"stringData":{"token":"cluster-token"}}
        """;
    SealRun.Result sealed = SealRun.run(secret, "seal", "-n", ns, "--controller-namespace", keyNs, "--kubeconfig", kubeconfig);
    assertThat(sealed.code()).as(sealed.err()).isZero();
    client.resource(client.getKubernetesSerialization().unmarshal(sealed.out(), SealedSecret.class)).create();
    Secret opened = awaitSecret(ns, "api");
    assertThat(new String(Base64.getDecoder().decode(opened.getData().get("token")), StandardCharsets.UTF_8)).isEqualTo("cluster-token");

    // --re-encrypt with the cluster's keys: the file stays openable by the controller
    Path file = Files.writeString(Files.createTempFile("sealed-", ".json"), sealed.out());
    SealRun.Result re = SealRun.run("", "seal", "--re-encrypt", "--from-file", file.toString(),
        "--controller-namespace", keyNs, "--kubeconfig", kubeconfig);
    assertThat(re.code()).as(re.err()).isZero();
    assertThat(re.err()).contains("re-encrypted 1 SealedSecret(s) in 1 file(s)");
    String rewritten = Files.readString(file);
    assertThat(rewritten).isNotEqualTo(sealed.out()).doesNotContain("cluster-token");
    // applied again under its own name, the re-encrypted SealedSecret opens
    client.resources(SealedSecret.class).inNamespace(ns).withName("api").delete();
    await().atMost(Duration.ofSeconds(60)).until(() -> client.resources(SealedSecret.class).inNamespace(ns).withName("api").get() == null);
    await().atMost(Duration.ofSeconds(60)).until(() -> client.secrets().inNamespace(ns).withName("api").get() == null);
    client.resource(client.getKubernetesSerialization().unmarshal(rewritten, SealedSecret.class)).create();
    assertThat(new String(Base64.getDecoder().decode(awaitSecret(ns, "api").getData().get("token")), StandardCharsets.UTF_8))
        .isEqualTo("cluster-token");
  }

  @Test
  @DisplayName("install --sealed-secrets=false applies only Keelson's own CRD (an upstream sealed-secrets keeps its CRD)")
  void installWithoutSealedSecrets() {
    SealRun.Result r = SealRun.run("", "install", "--sealed-secrets=false", "--kubeconfig", kubeconfig);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("applications.keelson.dev").doesNotContain("sealedsecrets");
  }

  @Test
  @DisplayName("--fetch-cert names the ConfigMap it looked for when none is published")
  void noCertificatePublished() {
    String empty = cluster.createNamespace("cli-nokeys");
    SealRun.Result r = SealRun.run("", "seal", "--fetch-cert", "--controller-namespace", empty, "--kubeconfig", kubeconfig);
    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("no certificate published in ConfigMap " + empty + "/sealed-secrets-cert");
  }

  static Secret awaitSecret(String ns, String name) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> client.secrets().inNamespace(ns).withName(name).get() != null);
    return client.secrets().inNamespace(ns).withName(name).get();
  }
}
