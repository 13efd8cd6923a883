package dev.keelson.localcluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The CLI's {@code local-cluster up|down|kubeconfig}: a control plane plus node simulator that
 * keep running after the command exits, recorded in a state directory.
 */
public final class LocalCluster {

  static final String SIMULATOR = "node-simulator";
  private static final Duration SIMULATOR_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Ports ports;
  private final KubeBinaries binaries;

  /** The default ports (apiserver 16443, etcd 23790/23800) and binaries from {@link KubeBinaries#locate()}. */
  public LocalCluster() {
    this(Ports.defaults(), null);
  }

  /** @param binaries null to locate them when a start needs them */
  public LocalCluster(Ports ports, KubeBinaries binaries) {
    this.ports = ports;
    this.binaries = binaries;
  }

  /**
   * A named cluster beside the default one (a second destination for demos and tests): ports
   * chosen free at its first start and kept in its state directory for later starts.
   */
  public static LocalCluster named(Path stateDir) throws IOException {
    StateLayout layout = new StateLayout(stateDir.toAbsolutePath());
    Ports ports = Files.isRegularFile(layout.ports()) ? ControlPlane.readPorts(layout) : Ports.random();
    return new LocalCluster(ports, null);
  }

  /** The loopback ports it starts on. */
  public Ports ports() {
    return ports;
  }

  /** {@code local-clusters/NAME} next to {@link #defaultStateDir()}. */
  public static Path stateDirFor(String name) {
    if (!name.matches("[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?")) {
      throw new IllegalArgumentException("cluster name " + name + ": lower-case letters, digits and '-' only");
    }
    return defaultStateDir().resolveSibling("local-clusters").resolve(name);
  }

  /** {@code $KEELSON_HOME/local-cluster}, else {@code ~/.keelson/local-cluster}. */
  public static Path defaultStateDir() {
    String home = System.getenv("KEELSON_HOME");
    Path base = home != null && !home.isBlank()
        ? Path.of(home)
        : Path.of(System.getProperty("user.home"), ".keelson");
    return base.resolve("local-cluster");
  }

  /**
   * Makes sure a local cluster runs from {@code stateDir} and returns its admin kubeconfig. A
   * healthy cluster is left alone; stale state (a crashed or half-stopped cluster) is discarded
   * and a fresh cluster started.
   */
  public Path up(Path stateDir, PrintStream progress) throws IOException {
    StateLayout layout = new StateLayout(stateDir.toAbsolutePath());
    if (ControlPlane.isRunning(layout.root())) {
      if (PidFile.isAlive(layout.pidFile(SIMULATOR))) {
        progress.println("local cluster already running; kubeconfig: " + layout.kubeconfig());
        return layout.kubeconfig();
      }
      progress.println("control plane running, node simulator not; restarting it");
      startSimulator(layout, progress);
      return layout.kubeconfig();
    }
    long started = System.nanoTime();
    if (stopRecorded(layout, progress::println)) {
      progress.println("stopped the remains of an earlier cluster");
    }
    clearStaleState(layout);
    ports.requireFree();
    ControlPlane.start(layout.root(), ports, ControlPlane.Mode.DETACHED,
        binaries != null ? binaries : KubeBinaries.locate(), progress::println);
    try {
      startSimulator(layout, progress);
    } catch (IOException | RuntimeException e) {
      stopRecorded(layout, progress::println);
      throw e;
    }
    progress.printf("local cluster ready in %.1fs; kubeconfig: %s%n",
        (System.nanoTime() - started) / 1e9, layout.kubeconfig());
    return layout.kubeconfig();
  }

  /** Stops the simulator and the control plane recorded in {@code stateDir}; true if any ran. */
  public boolean down(Path stateDir, PrintStream progress) {
    StateLayout layout = new StateLayout(stateDir.toAbsolutePath());
    boolean any = stopRecorded(layout, progress::println);
    progress.println(any ? "local cluster stopped" : "no local cluster running in " + layout.root());
    return any;
  }

  public boolean down(Path stateDir) {
    return down(stateDir, new PrintStream(OutputStream.nullOutputStream()));
  }

  /** The admin kubeconfig, if a cluster runs from {@code stateDir}. */
  public Optional<Path> kubeconfig(Path stateDir) {
    StateLayout layout = new StateLayout(stateDir.toAbsolutePath());
    return ControlPlane.isRunning(layout.root()) && Files.isRegularFile(layout.kubeconfig())
        ? Optional.of(layout.kubeconfig())
        : Optional.empty();
  }

  private static boolean stopRecorded(StateLayout layout, Consumer<String> progress) {
    boolean any = false;
    if (PidFile.stop(layout.pidFile(SIMULATOR), STOP_GRACE)) {
      progress.accept("stopped " + SIMULATOR);
      any = true;
    }
    return ControlPlane.stop(layout.root(), progress) || any;
  }

  /** Wipes the previous cluster's files; refuses directories that were never ours. */
  private static void clearStaleState(StateLayout layout) throws IOException {
    if (!Files.isDirectory(layout.root())) {
      return;
    }
    boolean empty;
    try (Stream<Path> entries = Files.list(layout.root())) {
      empty = entries.findAny().isEmpty();
    }
    if (empty) {
      return;
    }
    if (!Files.exists(layout.marker())) {
      throw new IllegalStateException(layout.root() + " is not empty and holds no local cluster state; "
          + "refusing to delete it. Choose another directory (KEELSON_HOME) or empty it.");
    }
    ControlPlane.deleteRecursively(layout.root());
  }

  private static void startSimulator(StateLayout layout, PrintStream progress) throws IOException {
    progress.println("starting node simulator (node " + NodeSimulator.NODE_NAME + ")");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the simulator runs from this process's own classpath; small heap, quick start
    List<String> command = List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        NodeSimulatorMain.class.getName(), layout.kubeconfig().toString());
    ComponentProcess simulator = ComponentProcess.start(SIMULATOR, command, layout, ControlPlane.Mode.DETACHED);
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(layout.kubeconfig()))).build()) {
      ControlPlane.await("node " + NodeSimulator.NODE_NAME + " to become Ready", SIMULATOR_TIMEOUT,
          () -> nodeReady(client.nodes().withName(NodeSimulator.NODE_NAME).get()), simulator);
    }
  }

  static boolean nodeReady(Node node) {
    return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
