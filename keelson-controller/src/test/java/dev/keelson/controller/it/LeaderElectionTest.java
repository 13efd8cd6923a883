package dev.keelson.controller.it;

import static org.awaitility.Awaitility.await;

import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

  @Test
  @DisplayName("two controller replicas elect one leader through a Lease; the second waits, and takes over when the first stops")
  void oneLeaderAtATime() throws Exception {
    TestCluster cluster = TestCluster.shared();
    try (KubernetesClient a = cluster.newClient(); KubernetesClient b = cluster.newClient()) {
      CrdInstaller.install(a);
      String leaseNs = cluster.createNamespace("lease");
      ControllerOptions options = ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
          .withMetricsPort(0).withLeaseNamespace(leaseNs);
      KeelsonController first = KeelsonController.start(a, options);
      KeelsonController second = null;
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> holder(a, leaseNs) != null);
        String leader = holder(a, leaseNs);

        second = KeelsonController.start(b, options);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
            .until(() -> leader.equals(holder(b, leaseNs)));

        first.close();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          String now = holder(b, leaseNs);
          return now != null && !now.isEmpty() && !now.equals(leader);
        });
      } finally {
        first.close();
        if (second != null) second.close();
      }
    }
  }

  private static String holder(KubernetesClient client, String ns) {
    Lease lease = client.leases().inNamespace(ns).withName(ControllerOptions.LEASE_NAME).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
