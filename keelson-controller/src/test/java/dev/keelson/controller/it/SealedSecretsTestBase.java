package dev.keelson.controller.it;

import static org.awaitility.Awaitility.await;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.api.bitnami.v1alpha1.SealedSecretCondition;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.controller.sealed.PublishedCertificate;
import dev.keelson.controller.sealed.SealedSecretsOptions;
import dev.keelson.localcluster.TestCluster;
import dev.keelson.secrets.sealed.Pem;
import dev.keelson.secrets.sealed.Sealer;
import dev.keelson.secrets.sealed.SealingScope;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * SealedSecrets against the real control plane: one controller per test class with its own key
 * namespace (so "first start" and rotation are the class's own), a fresh namespace per test.
 */
abstract class SealedSecretsTestBase {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonController controller;
  static String keyNs;

  String ns;

  /** @param prepare runs in the fresh key namespace before the controller starts (e.g. imports keys) */
  static void startController(Duration renewPeriod, java.util.function.Consumer<String> prepare) throws IOException {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
    keyNs = cluster.createNamespace("keys");
    prepare.accept(keyNs);
    controller = KeelsonController.start(client,
        ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null)
            .withSealedSecrets(SealedSecretsOptions.defaults().withKeyNamespace(keyNs).withRenewPeriod(renewPeriod)));
  }

  @AfterAll
  static void stopController() {
    if (controller != null) controller.close();
    if (client != null) client.close();
  }

  @BeforeEach
  void freshNamespace() {
    ns = cluster.createNamespace("sealed");
  }

  static List<Secret> keySecrets() {
    return client.secrets().inNamespace(keyNs).withLabel("sealedsecrets.bitnami.com/sealed-secrets-key", "active").list().getItems();
  }

  /** The certificate the controller publishes, as `keelson seal --fetch-cert` reads it. */
  static ConfigMap awaitPublishedCert(Predicate<ConfigMap> condition) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> Optional.ofNullable(
        client.configMaps().inNamespace(keyNs).withName(PublishedCertificate.CONFIG_MAP).get()).filter(condition).isPresent());
    return client.configMaps().inNamespace(keyNs).withName(PublishedCertificate.CONFIG_MAP).get();
  }

  static Sealer sealerOf(ConfigMap published) throws Exception {
    return new Sealer(Pem.parsePublicKey(published.getData().get(PublishedCertificate.KEY), "published certificate"));
  }

  static Secret plainSecret(String namespace, String name, Map<String, String> values) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withStringData(values).build();
  }

  SealedSecret create(SealedSecret s) {
    return client.resource(s).create();
  }

  SealedSecret createYaml(String yaml) {
    return client.resource(client.getKubernetesSerialization().unmarshal(yaml, SealedSecret.class)).create();
  }

  static SealedSecret sealed(String namespace, String name) {
    return client.resources(SealedSecret.class).inNamespace(namespace).withName(name).get();
  }

  static Secret secret(String namespace, String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  static Optional<SealedSecretCondition> synced(SealedSecret s) {
    if (s == null || s.getStatus() == null || s.getStatus().conditions == null) return Optional.empty();
    return s.getStatus().conditions.stream().filter(c -> "Synced".equals(c.type)).findFirst();
  }

  /** Synced True or False, for the SealedSecret's current generation. */
  static SealedSecret awaitSynced(String namespace, String name, String status) {
    try {
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
        SealedSecret s = sealed(namespace, name);
        return s != null && synced(s).map(c -> status.equals(c.status)).orElse(false)
            && s.getMetadata().getGeneration().equals(s.getStatus().observedGeneration);
      });
    } catch (ConditionTimeoutException e) {
      SealedSecret last = sealed(namespace, name);
      throw new AssertionError("SealedSecret " + namespace + "/" + name + " did not become Synced=" + status + "; last seen: "
          + (last == null ? "absent" : client.getKubernetesSerialization().asYaml(last.getStatus())), e);
    }
    return sealed(namespace, name);
  }

  static Secret awaitSecret(String namespace, String name, Predicate<Secret> condition) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> Optional.ofNullable(secret(namespace, name)).filter(condition).isPresent());
    return secret(namespace, name);
  }

  static String value(Secret s, String key) {
    String b64 = s.getData() == null ? null : s.getData().get(key);
    return b64 == null ? null : new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  static SealedSecret seal(Sealer sealer, String namespace, String name, Map<String, String> values, SealingScope scope)
      throws Exception {
    return sealer.seal(plainSecret(namespace, name, values), scope);
  }

  static String resource(String name) {
    try (InputStream in = SealedSecretsTestBase.class.getResourceAsStream("/sealed/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
