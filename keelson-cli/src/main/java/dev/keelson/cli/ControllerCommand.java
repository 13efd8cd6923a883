package dev.keelson.cli;

import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.controller.sealed.SealedSecretsOptions;
import java.time.Duration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the controllers in the foreground until stopped (SIGINT/SIGTERM). */
@Command(name = "controller", mixinStandardHelpOptions = true, description = "Run the Keelson controllers in the foreground.")
final class ControllerCommand implements Callable<Integer> {
  @Mixin KubeOptions kube;

  @Option(names = "--metrics-port", defaultValue = "9090", description = "Port for /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = {"--namespace", "-n"}, description = "Watch only these namespaces (repeatable; default: all).")
  List<String> namespaces = List.of();

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where Git clones are cached (default: ~/.keelson/cache).")
  Path cacheDir;

  @Option(names = "--leader-election-namespace", defaultValue = ControllerOptions.DEFAULT_LEASE_NAMESPACE,
      description = "Namespace of the leader-election Lease (default: ${DEFAULT-VALUE}).")
  String leaseNamespace;

  @Option(names = "--no-leader-election", description = "Run without leader election (single replica only).")
  boolean noLeaderElection;

  @Option(names = "--sealed-secrets", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Serve SealedSecrets (bitnami.com/v1alpha1); --sealed-secrets=false where the upstream controller"
          + " already runs (default: ${DEFAULT-VALUE}).")
  boolean sealedSecrets;

  @Option(names = "--key-namespace", defaultValue = SealedSecretsOptions.DEFAULT_KEY_NAMESPACE, paramLabel = "NS",
      description = "Namespace of the sealing keys and of the published certificate (ConfigMap sealed-secrets-cert)"
          + " (default: ${DEFAULT-VALUE}).")
  String keyNamespace;

  @Option(names = "--key-renew-period", defaultValue = "720h", converter = GoDuration.class, paramLabel = "DURATION",
      description = "How often a new sealing key is generated, e.g. 720h; 0 turns renewal off (default: ${DEFAULT-VALUE}).")
  Duration keyRenewPeriod;

  @Override
  public Integer call() throws Exception {
    Path cache = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".keelson", "cache");
    ControllerOptions options = ControllerOptions.defaults(cache)
        .withMetricsPort(metricsPort)
        .withNamespaces(Set.copyOf(namespaces))
        .withLeaseNamespace(noLeaderElection ? null : leaseNamespace)
        .withExitOnLostLeadership(true)
        .withSealedSecrets(new SealedSecretsOptions(sealedSecrets, keyNamespace, keyRenewPeriod));
    KubernetesClient client = kube.client();
    KeelsonController controller = KeelsonController.start(client, options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      controller.close();
      client.close();
      stopped.countDown();
    }, "keelson-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }
}
