package dev.keelson.bench;

import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.controller.shard.ShardOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine, in this process: {@link KeelsonController} exactly as {@code keelson controller}
 * wires it, without leader election, metrics on a free port, watching only the benchmark's
 * namespaces, on a client whose API requests are counted.
 */
final class EngineUnderTest implements AutoCloseable {
  /**
   * The engine's reconcile concurrency. {@link ControllerOptions} has no knob for it, so the
   * operator runs with JOSDK's default number of reconciliation threads; the baseline matches it.
   */
  static final int CONCURRENCY = ConfigurationService.DEFAULT_RECONCILIATION_THREADS_NUMBER;
  static final String CONCURRENCY_SOURCE =
      "JOSDK default reconciliation threads (ConfigurationService.DEFAULT_RECONCILIATION_THREADS_NUMBER)";

  private final RequestCounter requests;
  private final KubernetesClient client;
  private final KeelsonController controller;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EngineUnderTest(RequestCounter requests, KubernetesClient client, KeelsonController controller) {
    this.requests = requests;
    this.client = client;
    this.controller = controller;
  }

  static EngineUnderTest start(Config config, Set<String> namespaces, Path cacheDir) throws IOException {
    return start(config, namespaces, cacheDir, null);
  }

  /**
   * @param controllerNamespace where the engine reads cluster Secrets; null for the default
   *     ({@code keelson-system})
   */
  static EngineUnderTest start(Config config, Set<String> namespaces, Path cacheDir, String controllerNamespace)
      throws IOException {
    return start(config, namespaces, cacheDir, controllerNamespace, ShardOptions.off());
  }

  /**
   * One replica of sharded controllers ({@code shards} enabled): its Leases, and the leader
   * election of what is not sharded, in {@code controllerNamespace}, as in a cluster.
   */
  static EngineUnderTest start(Config config, Set<String> namespaces, Path cacheDir, String controllerNamespace,
      ShardOptions shards) throws IOException {
    RequestCounter counter = new RequestCounter();
    KubernetesClient client = countingClient(config, counter);
    try {
      ControllerOptions options = ControllerOptions.defaults(cacheDir)
          .withMetricsPort(0)
          .withLeaseNamespace(null)
          .withNamespaces(namespaces);
      if (controllerNamespace != null) options = options.withControllerNamespace(controllerNamespace);
      if (shards.enabled()) options = options.withShards(shards).withLeaseNamespace(controllerNamespace);
      return new EngineUnderTest(counter, client, KeelsonController.start(client, options));
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * A client built the way the engine's is (same configuration, same HTTP client), whose requests
   * {@code counter} counts. The baseline uses one too.
   */
  static KubernetesClient countingClient(Config config, RequestCounter counter) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(config).build())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(RequestCounter.NAME, counter))
        .build();
  }

  RequestCounter requests() {
    return requests;
  }

  KeelsonController controller() {
    return controller;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      controller.close();
      controller.gitCache().close();
    } finally {
      client.close();
    }
  }
}
