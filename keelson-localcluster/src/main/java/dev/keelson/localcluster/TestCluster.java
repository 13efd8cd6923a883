package dev.keelson.localcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real control plane per JVM for integration tests: random loopback ports, a temporary
 * state directory, components as child processes and the node simulator in-process. Everything
 * is stopped and deleted by a shutdown hook; tests isolate themselves with
 * {@link #createNamespace(String)} instead of fresh clusters.
 *
 * <p>Simulated pods: see {@link NodeSimulator} for the annotations that control readiness and
 * Job outcomes. Jobs that should fail at once need {@code backoffLimit: 0}; otherwise the Job
 * controller retries with its usual (long) backoff.
 */
public final class TestCluster {

  private static final Logger LOG = LoggerFactory.getLogger(TestCluster.class);
  private static final String DIR_PREFIX = "keelson-testcluster-";
  private static final String OWNER_PID = "owner.pid";
  private static final Duration NAMESPACE_TIMEOUT = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static TestCluster shared;
  private static RuntimeException startFailure;

  private final ControlPlane controlPlane;
  private final String kubeconfigYaml;
  private final KubernetesClient adminClient;
  private final NodeSimulator simulator;
  private boolean stopped;

  private TestCluster(ControlPlane controlPlane) throws IOException {
    this.controlPlane = controlPlane;
    this.kubeconfigYaml = Files.readString(controlPlane.kubeconfig());
    this.adminClient = newClient();
    this.simulator = new NodeSimulator(newClient()).start();
  }

  /**
   * The JVM's cluster, started on first use (a few seconds). A failed start is remembered, so
   * every later caller fails fast with the same cause instead of trying again.
   */
  public static synchronized TestCluster shared() {
    if (startFailure != null) {
      throw startFailure;
    }
    if (shared == null) {
      try {
        shared = start();
      } catch (IOException e) {
        startFailure = new UncheckedIOException("test cluster failed to start", e);
        throw startFailure;
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    }
    return shared;
  }

  /**
   * Another cluster of its own, for tests that need two: started now, stopped by {@link #close()}
   * or at JVM exit. Each costs a control plane; use sparingly.
   */
  public static TestCluster startAnother() {
    try {
      return start();
    } catch (IOException e) {
      throw new UncheckedIOException("second test cluster failed to start", e);
    }
  }

  /** Stops a cluster from {@link #startAnother()} and deletes its state. */
  public void close() {
    if (this == shared) throw new IllegalStateException("the shared test cluster stops at JVM exit");
    shutdown();
  }

  /**
   * Kills one component of a cluster from {@link #startAnother()} with SIGKILL (fault tests);
   * the shared cluster is refused, since other tests run on it.
   */
  public void kill(ControlPlane.Component component) {
    requireOwn("kill");
    controlPlane.kill(component);
  }

  /** Starts a component of a cluster from {@link #startAnother()} again, on its ports and data. */
  public void restart(ControlPlane.Component component) {
    requireOwn("restart");
    try {
      controlPlane.restart(component);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart " + component.processName(), e);
    }
  }

  private void requireOwn(String what) {
    if (this == shared) throw new IllegalStateException("cannot " + what + " a component of the shared test cluster");
  }

  public Path kubeconfigPath() {
    return controlPlane.kubeconfig();
  }

  public String kubeconfigYaml() {
    return kubeconfigYaml;
  }

  public URI apiServerUrl() {
    return controlPlane.apiServerUrl();
  }

  /** A new client with cluster-admin rights; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
  }

  /**
   * Creates a namespace named {@code <prefix>-<random>} and returns its name once pods can be
   * created in it (its default service account has a token; admission rejects pods before).
   */
  public String createNamespace(String prefix) {
    String base = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    base = base.isEmpty() ? "test" : base.substring(0, Math.min(base.length(), 50)).replaceAll("-+$", "");
    String name = base + "-" + randomSuffix();
    adminClient.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    ControlPlane.await("default service account token in namespace " + name, NAMESPACE_TIMEOUT, () -> {
      ServiceAccount sa = adminClient.serviceAccounts().inNamespace(name).withName("default").get();
      return sa != null && sa.getSecrets() != null && !sa.getSecrets().isEmpty();
    });
    return name;
  }

  private static TestCluster start() throws IOException {
    KubeBinaries binaries = KubeBinaries.locate();
    reapOrphans();
    long t0 = System.nanoTime();
    IllegalStateException firstFailure = null;
    // a second attempt covers the small chance that another process took a "free" port
    for (int attempt = 1; attempt <= 2; attempt++) {
      Path dir = Files.createTempDirectory(DIR_PREFIX);
      PidFile.write(dir.resolve(OWNER_PID), ProcessHandle.current());
      try {
        ControlPlane controlPlane = ControlPlane.start(dir, Ports.random(), ControlPlane.Mode.CHILD, binaries,
            LOG::debug);
        TestCluster cluster = new TestCluster(controlPlane);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown, "keelson-test-cluster-shutdown"));
        LOG.info("test cluster up at {} in {} ms (state in {})", controlPlane.apiServerUrl(),
            (System.nanoTime() - t0) / 1_000_000, dir);
        return cluster;
      } catch (IllegalStateException e) {
        ControlPlane.stop(dir, s -> { });
        ControlPlane.deleteRecursively(dir);
        if (firstFailure != null) {
          e.addSuppressed(firstFailure);
          throw e;
        }
        LOG.warn("test cluster start failed, retrying once: {}", e.getMessage());
        firstFailure = e;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private synchronized void shutdown() {
    if (stopped) return;
    stopped = true;
    simulator.close();
    adminClient.close();
    controlPlane.close();
    ControlPlane.deleteRecursively(controlPlane.stateDir());
  }

  /**
   * Stops and deletes clusters left by test JVMs that were killed before their shutdown hook
   * ran (e.g. a timed-out fork), so such processes do not pile up across builds.
   */
  private static void reapOrphans() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> dirs = Files.list(tmp)) {
      dirs.filter(d -> d.getFileName().toString().startsWith(DIR_PREFIX))
          .filter(d -> Files.isRegularFile(d.resolve(OWNER_PID)))
          .filter(d -> !PidFile.isAlive(d.resolve(OWNER_PID)))
          .forEach(d -> {
            LOG.info("removing test cluster left behind in {}", d);
            try {
              ControlPlane.stop(d, s -> { });
              ControlPlane.deleteRecursively(d);
            } catch (RuntimeException e) {
              LOG.warn("cannot clean {}: {}", d, e.getMessage());
            }
          });
    } catch (IOException e) {
      LOG.warn("cannot scan {} for old test clusters: {}", tmp, e.getMessage());
    }
  }

  private static String randomSuffix() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
