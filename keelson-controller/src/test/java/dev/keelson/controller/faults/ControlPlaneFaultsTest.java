package dev.keelson.controller.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.it.GitFixture;
import dev.keelson.controller.it.Orchestrated;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.ControlPlane;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The API server and etcd killed with SIGKILL while an operation waits in the middle of its
 * waves, then started again on the same data. A control plane of its own: the shared one keeps
 * serving the other tests. The controller runs on through the outage, as it would in a cluster.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ControlPlaneFaultsTest {
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  static TestCluster cluster;
  static KubernetesClient client;
  static KeelsonController controller;

  @BeforeAll
  static void ownControlPlane() throws Exception {
    cluster = TestCluster.startAnother();
    client = cluster.newClient();
    CrdInstaller.install(client);
    controller = KeelsonController.start(client,
        ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-")).withMetricsPort(0).withLeaseNamespace(null));
  }

  @AfterAll
  static void stop() {
    if (controller != null) controller.close();
    if (client != null) client.close();
    if (cluster != null) cluster.close();
  }

  @Test
  @DisplayName("the API server killed and restarted while wave 1 of 3 waits: the same operation goes on, wave 0 is not applied again, a bystander app is untouched")
  void apiServerKilledMidWave() throws Exception {
    midWave(ControlPlane.Component.API_SERVER);
  }

  @Test
  @DisplayName("etcd killed and restarted while wave 1 of 3 waits: the same operation goes on, wave 0 is not applied again, a bystander app is untouched")
  void etcdRestartedMidWave() throws Exception {
    midWave(ControlPlane.Component.ETCD);
  }

  private void midWave(ControlPlane.Component component) throws Exception {
    String ns = cluster.createNamespace("fault");
    Apps apps = new Apps(client, ns);
    try (GitFixture repo = new GitFixture(); GitFixture other = new GitFixture()) {
      other.write("steady.yaml", Orchestrated.configMap("steady", "x", ""));
      String steadySha = other.commit("a bystander");
      repo.write("first.yaml", Orchestrated.configMap("first", "x", "keelson.dev/sync-wave: \"0\""))
          .write("slow.yaml", Orchestrated.deployment("slow", "keelson.dev/sync-wave: \"1\"", false))
          .write("last.yaml", Orchestrated.configMap("last", "x", "keelson.dev/sync-wave: \"2\""));
      String sha = repo.commit("three waves");
      apps.create(Orchestrated.app("steady", ns, other.url(), "", ""));
      apps.create(Orchestrated.app("waves", ns, repo.url(), "", ""));
      apps.await("steady", a -> Apps.succeededAt(a, steadySha) && Apps.healthy(a), TIMEOUT);
      Application waiting = apps.await("waves", a -> Apps.waitingAtWave(a, 1), TIMEOUT);
      String operationId = Apps.op(waiting).id;
      ConfigMap first = client.configMaps().inNamespace(ns).withName("first").get();
      ConfigMap steady = client.configMaps().inNamespace(ns).withName("steady").get();

      long t0 = System.nanoTime();
      cluster.kill(component);
      cluster.restart(component);
      long outage = Apps.millisSince(t0);
      long back = System.nanoTime();
      // wave 1 may complete only now, after the outage
      RetryOnConflict.edit(client.apps().deployments().inNamespace(ns).withName("slow"), d -> {
        d.getSpec().getTemplate().getMetadata().getAnnotations().put("keelson.dev/simulate-ready", "true");
        return d;
      });
      // the edit is drift of its own (selfHeal is off): the operation's end is what counts here
      Application app = apps.await("waves", a -> Apps.succeeded(a) && sha.equals(Apps.op(a).revision)
          && Apps.healthy(a), TIMEOUT);
      long recovered = Apps.millisSince(back);

      assertThat(Apps.op(app).id).as("the same operation, resumed").isEqualTo(operationId);
      ConfigMap firstAfter = client.configMaps().inNamespace(ns).withName("first").get();
      assertThat(firstAfter.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
      assertThat(firstAfter.getMetadata().getResourceVersion()).as("wave 0 not written again")
          .isEqualTo(first.getMetadata().getResourceVersion());
      assertThat(client.configMaps().inNamespace(ns).withName("last").get()).as("wave 2 applied").isNotNull();
      assertThat(Apps.op(app).results).extracting(r -> r.kind + "/" + r.name)
          .contains("ConfigMap/first", "Deployment/slow", "ConfigMap/last");
      assertThat(Apps.syncsOf(app, sha)).singleElement().satisfies(h -> assertThat(h.result).isEqualTo("Succeeded"));

      Application bystander = apps.await("steady", a -> Apps.syncedAt(a, steadySha) && Apps.healthy(a), TIMEOUT);
      ConfigMap steadyAfter = client.configMaps().inNamespace(ns).withName("steady").get();
      assertThat(steadyAfter.getMetadata().getResourceVersion()).as("the bystander's object untouched")
          .isEqualTo(steady.getMetadata().getResourceVersion());
      assertThat(Apps.syncsOf(bystander, steadySha)).singleElement();
      System.out.printf("fault %s: killed and serving again in %d ms; from then to Succeeded %d ms%n",
          component.processName(), outage, recovered);
    }
  }
}
