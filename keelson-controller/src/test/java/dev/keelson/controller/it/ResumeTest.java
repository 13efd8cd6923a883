package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A controller stopped in the middle of an operation, and a new one taking over: the operation
 * goes on from the step it had reached. Runs its own controllers (not {@link ControllerTestBase}'s
 * shared one) so that it can stop and start them.
 */
class ResumeTest {
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  static TestCluster cluster;
  static KubernetesClient client;

  KeelsonController controller;
  String ns;
  GitFixture repo;

  @BeforeAll
  static void cluster() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
  }

  @AfterAll
  static void closeClient() {
    if (client != null) client.close();
  }

  @AfterEach
  void stopController() {
    if (controller != null) controller.close();
    if (repo != null) repo.close();
  }

  void startController() throws Exception {
    controller = KeelsonController.start(client,
        ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null));
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
          + (last == null ? "absent" : client.getKubernetesSerialization().asYaml(last.getStatus())), e);
    }
    return app(name);
  }

  static OperationState op(Application a) {
    return a.getStatus() == null ? null : a.getStatus().operationState;
  }

  static boolean awaitingWave1(Application a) {
    OperationState op = op(a);
    return op != null && "Running".equals(op.phase) && "Sync".equals(op.syncPhase)
        && Integer.valueOf(1).equals(op.wave) && Boolean.TRUE.equals(op.stepApplied);
  }

  @Test
  @DisplayName("a controller killed mid-operation is replaced by one that resumes the operation at the wave it had reached")
  void resumesAfterRestart() throws Exception {
    ns = cluster.createNamespace("it");
    repo = new GitFixture();
    repo.write("first.yaml", Orchestrated.configMap("first", "x", "keelson.dev/sync-wave: \"0\""))
        .write("slow.yaml", Orchestrated.deployment("slow", "keelson.dev/sync-wave: \"1\"", false))
        .write("last.yaml", Orchestrated.configMap("last", "x", "keelson.dev/sync-wave: \"2\""));
    String sha = repo.commit("three waves");

    startController();
    client.resource(client.getKubernetesSerialization().unmarshal(
        Orchestrated.app("resume", ns, repo.url(), "", ""), Application.class)).create();
    awaitApp("resume", ResumeTest::awaitingWave1);

    controller.close();
    controller = null;
    // a reconcile in flight when the controller stopped may still have written: read after it
    Application stopped = app("resume");
    assertThat(awaitingWave1(stopped)).as("operation still waiting at wave 1 after the stop").isTrue();
    String operationId = op(stopped).id;
    assertThat(client.configMaps().inNamespace(ns).withName("last").get()).isNull();

    // while no controller runs: a hand edit that a second apply of wave 0 would undo, and the
    // Deployment of wave 1 made able to become Ready
    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("first"), cm -> {
      cm.getData().put("value", "changed-by-hand");
      return cm;
    });
    RetryOnConflict.edit(client.apps().deployments().inNamespace(ns).withName("slow"), d -> {
      d.getSpec().getTemplate().getMetadata().getAnnotations().put("keelson.dev/simulate-ready", "true");
      return d;
    });

    startController();
    Application app = awaitApp("resume", a -> op(a) != null && "Succeeded".equals(op(a).phase));

    assertThat(op(app).id).as("the same operation, resumed rather than started anew").isEqualTo(operationId);
    assertThat(op(app).revision).isEqualTo(sha);
    assertThat(client.configMaps().inNamespace(ns).withName("last").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(ns).withName("first").get().getData())
        .as("wave 0 was not applied again").containsEntry("value", "changed-by-hand");
    assertThat(op(app).results).extracting(r -> r.kind + "/" + r.name)
        .contains("ConfigMap/first", "Deployment/slow", "ConfigMap/last");
    assertThat(app.getStatus().history)
        .filteredOn(h -> "Sync".equals(h.action) && sha.equals(h.revision))
        .singleElement()
        .satisfies(h -> assertThat(h.result).isEqualTo("Succeeded"));
  }
}
