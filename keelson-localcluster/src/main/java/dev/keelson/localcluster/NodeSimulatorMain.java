package dev.keelson.localcluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link NodeSimulator} until the process is killed; the CLI's local cluster starts this
 * as a detached process next to the control plane.
 */
public final class NodeSimulatorMain {

  private NodeSimulatorMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: NodeSimulatorMain <kubeconfig>");
      System.exit(2);
    }
    String kubeconfig = Files.readString(Path.of(args[0]));
    KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    NodeSimulator simulator = new NodeSimulator(client).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.close();
      client.close();
      stopped.countDown();
    }, "node-simulator-shutdown"));
    System.out.println("node simulator running for node " + simulator.nodeName());
    stopped.await();
  }
}
