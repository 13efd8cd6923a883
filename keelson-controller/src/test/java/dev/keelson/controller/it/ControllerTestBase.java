package dev.keelson.controller.it;

import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One real control plane per JVM (etcd, kube-apiserver, kube-controller-manager, node
 * simulator) and one controller per test class; a fresh namespace per test.
 */
abstract class ControllerTestBase {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonController controller;

  String ns;
  GitFixture repo;

  @BeforeAll
  static void startController() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
    controller = KeelsonController.start(client,
        ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null));
  }

  @AfterAll
  static void stopController() {
    if (controller != null) controller.close();
    if (client != null) client.close();
  }

  @BeforeEach
  void freshNamespaceAndRepo() throws Exception {
    ns = cluster.createNamespace("it");
    repo = new GitFixture();
  }

  Application createApp(String yaml) {
    Application app = client.getKubernetesSerialization().unmarshal(yaml, Application.class);
    return client.resource(app).create();
  }

  Application app(String name) {
    return client.resources(Application.class).inNamespace(ns).withName(name).get();
  }

  Application awaitApp(String name, Predicate<Application> condition) {
    try {
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
          .until(() -> Optional.ofNullable(app(name)).filter(condition).isPresent());
    } catch (ConditionTimeoutException e) {
      Application last = app(name);
      throw new AssertionError("application " + name + " did not reach the expected state; last seen: "
          + (last == null ? "absent" : client.getKubernetesSerialization().asYaml(last)), e);
    }
    return app(name);
  }

  static boolean synced(Application a) {
    ApplicationStatus s = a.getStatus();
    return s != null && s.sync != null && "Synced".equals(s.sync.status);
  }

  static boolean healthy(Application a) {
    ApplicationStatus s = a.getStatus();
    return s != null && s.health != null && "Healthy".equals(s.health.status);
  }

  static boolean syncedAt(Application a, String sha) {
    return synced(a) && sha.equals(a.getStatus().sync.revision);
  }

  static Optional<Condition> condition(Application a, String type) {
    if (a.getStatus() == null || a.getStatus().conditions == null) return Optional.empty();
    return a.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static boolean conditionIs(Application a, String type, String status) {
    return condition(a, type).map(c -> status.equals(c.getStatus())).orElse(false);
  }
}
