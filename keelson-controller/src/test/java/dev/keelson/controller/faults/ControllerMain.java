package dev.keelson.controller.faults;

import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.controller.shard.ShardOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A Keelson controller in a JVM of its own, so that a test can kill it with SIGKILL: arguments
 * are the kubeconfig file and the one namespace to watch, and for a sharded replica its
 * controller namespace (where the shard Leases are) and its shard id. Prints {@value #STARTED}
 * once its informers are up, then runs until killed.
 */
public final class ControllerMain {
  static final String STARTED = "keelson controller started";
  /** Short, as in ShardingTest: a killed replica's apps move after one lease duration. */
  static final Duration SHARD_LEASE = Duration.ofSeconds(6);
  static final Duration SHARD_RENEW = Duration.ofSeconds(1);

  private ControllerMain() {}

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    String namespace = args[1];
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    ControllerOptions options = ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
        .withMetricsPort(0).withNamespaces(Set.of(namespace));
    if (args.length >= 4) {
      options = options.withLeaseNamespace(args[2]).withControllerNamespace(args[2])
          .withShards(ShardOptions.leases(args[3]).withTiming(SHARD_LEASE, SHARD_RENEW));
    } else {
      // no leader election: the test runs one replica at a time, and a killed one never releases
      // a Lease, so its successor would first wait out the lease duration
      options = options.withLeaseNamespace(null);
    }
    KeelsonController.start(client, options);
    System.out.println(STARTED);
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
