package dev.keelson.cli;

import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.controller.sealed.SealedSecretsOptions;
import dev.keelson.controller.shard.ShardOptions;
import dev.keelson.server.KeelsonServer;
import dev.keelson.rollouts.runtime.RolloutOptions;
import java.time.Duration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the controllers in the foreground until stopped (SIGINT/SIGTERM). */
@Command(name = "controller", mixinStandardHelpOptions = true, description = "Run the Keelson controllers in the foreground.")
final class ControllerCommand implements Callable<Integer> {
  @Mixin KubeOptions kube;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--metrics-port", defaultValue = "9090", description = "Port for /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--webhook-port", defaultValue = "9292",
      description = "Port of the Receivers' webhook paths /hook/... (default: ${DEFAULT-VALUE}; -1: none).")
  int webhookPort;

  @Option(names = {"--namespace", "-n"}, description = "Watch only these namespaces (repeatable; default: all).")
  List<String> namespaces = List.of();

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where Git clones are cached (default: ~/.keelson/cache).")
  Path cacheDir;

  @Option(names = "--leader-election-namespace", defaultValue = ControllerOptions.DEFAULT_LEASE_NAMESPACE,
      description = "Namespace of the leader-election Lease (default: ${DEFAULT-VALUE}).")
  String leaseNamespace;

  @Option(names = "--controller-namespace", defaultValue = ControllerOptions.DEFAULT_NAMESPACE,
      description = "The controller's own namespace: cluster Secrets are read there (default: ${DEFAULT-VALUE}).")
  String controllerNamespace;

  @Option(names = "--no-leader-election", description = "Run without leader election (single replica only).")
  boolean noLeaderElection;

  @Option(names = "--sealed-secrets", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Serve SealedSecrets (bitnami.com/v1alpha1); --sealed-secrets=false where the upstream controller"
          + " already runs (default: ${DEFAULT-VALUE}).")
  boolean sealedSecrets;

  @Option(names = "--rollouts", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Serve Rollouts (keelson.dev/v1alpha1 canary releases); --rollouts=false to leave them to another controller")
  boolean rollouts;

  @Option(names = "--image-automation", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Run image update automation (ImageRepository, ImagePolicy, ImageUpdateAutomation); --image-automation=false to leave it to Flux's controllers")
  boolean imageAutomation;

  @Option(names = "--key-namespace", defaultValue = SealedSecretsOptions.DEFAULT_KEY_NAMESPACE, paramLabel = "NS",
      description = "Namespace of the sealing keys and of the published certificate (ConfigMap sealed-secrets-cert)"
          + " (default: ${DEFAULT-VALUE}).")
  String keyNamespace;

  @Option(names = "--key-renew-period", defaultValue = "720h", converter = GoDuration.class, paramLabel = "DURATION",
      description = "How often a new sealing key is generated, e.g. 720h; 0 turns renewal off (default: ${DEFAULT-VALUE}).")
  Duration keyRenewPeriod;

  @Option(names = "--sharded",
      description = "Share the Applications with the other replicas started so: each holds a Lease keelson-shard-<id>"
          + " in the controller namespace, and the apps are spread over the live ones by consistent hashing.")
  boolean sharded;

  @Option(names = "--shards", paramLabel = "N",
      description = "Static sharding: N replicas, each started with its own --shard-id from 0 to N-1 (no Leases).")
  Integer shardCount;

  @Option(names = "--shard-id", paramLabel = "ID",
      description = "This replica's id (with --sharded: default the pod's name, $HOSTNAME; with --shards: its number).")
  String shardId;

  @Option(names = "--with-server", description = "Also serve the HTTP API in this process (see `keelson server`).")
  boolean withServer;

  @Mixin ServerOptionsMixin server;

  private ShardOptions shardOptions() {
    if (sharded && shardCount != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--sharded and --shards exclude each other");
    }
    try {
      if (shardCount != null) {
        if (shardId == null) throw new CommandLine.ParameterException(spec.commandLine(), "--shards needs --shard-id");
        int id;
        try {
          id = Integer.parseInt(shardId);
        } catch (NumberFormatException e) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--shard-id must be a number from 0 to " + (shardCount - 1) + " with --shards: " + shardId);
        }
        return ShardOptions.fixed(shardCount, id);
      }
      if (sharded) {
        String id = shardId != null ? shardId : System.getenv().getOrDefault("HOSTNAME", "");
        return ShardOptions.leases(id.toLowerCase(java.util.Locale.ROOT));
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (shardId != null) throw new CommandLine.ParameterException(spec.commandLine(), "--shard-id needs --sharded or --shards");
    return ShardOptions.off();
  }

  @Override
  public Integer call() throws Exception {
    Path cache = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".keelson", "cache");
    ControllerOptions options = ControllerOptions.defaults(cache)
        .withMetricsPort(metricsPort)
        .withWebhookPort(webhookPort)
        .withNamespaces(Set.copyOf(namespaces))
        .withLeaseNamespace(noLeaderElection ? null : leaseNamespace)
        .withExitOnLostLeadership(true)
        .withControllerNamespace(controllerNamespace)
        .withSealedSecrets(new SealedSecretsOptions(sealedSecrets, keyNamespace, keyRenewPeriod))
        .withRollouts(RolloutOptions.defaults().withEnabled(rollouts))
        .withImages(new dev.keelson.controller.images.ImageAutomationOptions(imageAutomation,
            dev.keelson.controller.images.ImageAutomationOptions.defaults().fullScanEvery()))
        .withShards(shardOptions());
    warnIfLookupReadsAnotherCluster();
    KubernetesClient client = kube.client();
    KeelsonController controller = KeelsonController.start(client, options);
    KeelsonServer api = null;
    ServerOptionsMixin.Authentication auth = null;
    if (withServer) {
      auth = server.authentication(client, controllerNamespace);
      api = KeelsonServer.start(client, server.options(controllerNamespace, cache.resolveSibling("server-cache")),
          auth.authenticator(), auth.authorizer(), auth.routes());
      ServerCommand.announce(api.port(), server.disableAuth, controllerNamespace);
    }
    KeelsonServer serving = api;
    ServerOptionsMixin.Authentication authenticating = auth;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (serving != null) serving.close();
      if (authenticating != null) authenticating.close().run();
      controller.close();
      client.close();
      stopped.countDown();
    }, "keelson-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  /**
   * Helm's native library reads its cluster from the environment the process started with, so a
   * chart's {@code lookup} cannot follow {@code --kubeconfig}. Said once, at start, when they differ.
   */
  private void warnIfLookupReadsAnotherCluster() {
    if (kube.kubeconfig == null) {
      return;
    }
    String env = System.getenv("KUBECONFIG");
    Path helmReads = env == null || env.isBlank()
        ? Path.of(System.getProperty("user.home"), ".kube", "config")
        : Path.of(env.split(java.io.File.pathSeparator)[0]);
    Path given = kube.kubeconfig.toAbsolutePath().normalize();
    if (!helmReads.toAbsolutePath().normalize().equals(given)) {
      LoggerFactory.getLogger(ControllerCommand.class).warn(
          "Helm charts that call lookup read the cluster that {} names, not --kubeconfig {}; "
              + "start the controller with KUBECONFIG={} to make them the same", helmReads, given, given);
    }
  }
}
