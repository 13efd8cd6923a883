package dev.keelson.controller.faults;

import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A Keelson controller in a JVM of its own, so that a test can kill it with SIGKILL: arguments
 * are the kubeconfig file and the one namespace to watch. Prints {@value #STARTED} once its
 * informers are up, then runs until killed.
 */
public final class ControllerMain {
  static final String STARTED = "keelson controller started";

  private ControllerMain() {}

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    String namespace = args[1];
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    // no leader election: the test runs one replica at a time, and a killed one never releases a
    // Lease, so its successor would first wait out the lease duration
    KeelsonController.start(client, ControllerOptions.defaults(Files.createTempDirectory("keelson-cache-"))
        .withMetricsPort(0).withLeaseNamespace(null).withNamespaces(Set.of(namespace)));
    System.out.println(STARTED);
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
