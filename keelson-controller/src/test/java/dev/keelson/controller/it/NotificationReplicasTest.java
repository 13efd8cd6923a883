package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.Alert;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.Provider;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two controller replicas sharing a Lease send one notification per event, not one each (Argo Rollouts #2556). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NotificationReplicasTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @DisplayName("with two replicas, a sync's events reach the receiver once each: only the leader publishes")
  void oneNotificationPerEvent() throws Exception {
    TestCluster cluster = TestCluster.shared();
    try (KubernetesClient a = cluster.newClient(); KubernetesClient b = cluster.newClient();
        HookServer hook = new HookServer(); GitFixture repo = new GitFixture()) {
      CrdInstaller.install(a);
      String leaseNs = cluster.createNamespace("lease");
      ControllerOptions options = ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
          .withMetricsPort(0).withLeaseNamespace(leaseNs);
      try (KeelsonController first = KeelsonController.start(a, options);
          KeelsonController second = KeelsonController.start(b, options)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> holder(a, leaseNs) != null);

        String ns = cluster.createNamespace("it");
        a.resource(a.getKubernetesSerialization().unmarshal("""
            apiVersion: keelson.dev/v1alpha1
            kind: Provider
            metadata: {name: hook, namespace: %s}
            spec: {type: generic, address: "%s"}
            """.formatted(ns, hook.url("/hook")), Provider.class)).create();
        a.resource(a.getKubernetesSerialization().unmarshal("""
            apiVersion: keelson.dev/v1alpha1
            kind: Alert
            metadata: {name: all, namespace: %s}
            spec:
              providerRef: {name: hook}
              eventSources: [{kind: Application, name: '*'}]
            """.formatted(ns), Alert.class)).create();
        await().atMost(Duration.ofSeconds(60)).until(() -> ready(a.resources(Alert.class).inNamespace(ns).withName("all").get()));

        repo.write("cm.yaml", Manifests.configMap("twice", "v1"));
        String sha = repo.commit("one");
        a.resource(a.getKubernetesSerialization().unmarshal(
            Manifests.application("twice", ns, repo.url(), ".", true, true, false, "1h"), Application.class)).create();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          Application app = a.resources(Application.class).inNamespace(ns).withName("twice").get();
          return app != null && app.getStatus() != null && app.getStatus().sync != null
              && sha.equals(app.getStatus().sync.revision) && "Synced".equals(app.getStatus().sync.status);
        });
        // a duplicate from the other replica would come within moments; none does for a while
        await().atMost(Duration.ofSeconds(30)).until(() -> count(hook, "Synced") == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
            .until(() -> count(hook, "Synced") == 1 && count(hook, "OperationStarted") == 1);
        assertThat(hook.requests()).extracting(r -> JSON.readTree(r.body()).at("/involvedObject/name").asText())
            .containsOnly("twice");
      }
    }
  }

  static long count(HookServer hook, String reason) {
    return hook.requests().stream().filter(r -> {
      try {
        return reason.equals(JSON.readTree(r.body()).at("/reason").asText());
      } catch (Exception e) {
        return false;
      }
    }).count();
  }

  static boolean ready(Alert alert) {
    return alert != null && alert.getStatus() != null && alert.getStatus().conditions.stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String holder(KubernetesClient client, String ns) {
    Lease lease = client.leases().inNamespace(ns).withName(ControllerOptions.LEASE_NAME).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
