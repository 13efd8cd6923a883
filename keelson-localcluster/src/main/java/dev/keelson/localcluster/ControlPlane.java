package dev.keelson.localcluster;

import dev.keelson.io.Directories;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * etcd, kube-apiserver and kube-controller-manager on loopback, with everything they need (keys,
 * certificates, token file, kubeconfig) in one state directory.
 *
 * <p>There is no scheduler and no kubelet: {@link NodeSimulator} plays the node.
 */
public final class ControlPlane implements AutoCloseable {

  /** How the components relate to the JVM that starts them. */
  public enum Mode {
    /** Owned by this JVM: stopped by {@link #close()} and by a shutdown hook (tests). */
    CHILD,
    /** In their own session, so they outlive this JVM and its terminal (the CLI). */
    DETACHED
  }

  static final String ETCD = "etcd";
  static final String APISERVER = "kube-apiserver";
  static final String CONTROLLER_MANAGER = "kube-controller-manager";
  /** Start order; stopped in reverse. */
  static final List<String> COMPONENTS = List.of(ETCD, APISERVER, CONTROLLER_MANAGER);

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
  private static final Duration ETCD_TIMEOUT = Duration.ofSeconds(30);
  // generous: on 2 busy cores the API server's post-start hooks can take a while
  private static final Duration APISERVER_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration CONTROLLER_MANAGER_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /** Components that fault tests may kill and start again ({@link #kill}, {@link #restart}). */
  public enum Component {
    ETCD(ControlPlane.ETCD), API_SERVER(ControlPlane.APISERVER);

    private final String processName;

    Component(String processName) {
      this.processName = processName;
    }

    public String processName() {
      return processName;
    }
  }

  private final StateLayout layout;
  private final Ports ports;
  private final Mode mode;
  private final KubeBinaries binaries;
  private final ClusterPki pki;
  private final ApiServerProbe probe;
  // start order; an entry is replaced when its component is restarted
  private final List<ComponentProcess> components;
  private final Thread shutdownHook;

  private ControlPlane(StateLayout layout, Ports ports, Mode mode, KubeBinaries binaries, ClusterPki pki,
      ApiServerProbe probe, List<ComponentProcess> components) {
    this.layout = layout;
    this.ports = ports;
    this.mode = mode;
    this.binaries = binaries;
    this.pki = pki;
    this.probe = probe;
    this.components = new ArrayList<>(components);
    if (mode == Mode.CHILD) {
      shutdownHook = new Thread(this::stopComponents, "keelson-control-plane-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      shutdownHook = null;
    }
  }

  /**
   * Starts all three components in {@code stateDir} (created if needed; expected empty or
   * stale) and returns once the API server is ready and the controller manager works.
   */
  public static ControlPlane start(Path stateDir, Ports ports, Mode mode, KubeBinaries binaries,
      Consumer<String> progress) throws IOException {
    StateLayout layout = new StateLayout(stateDir.toAbsolutePath());
    Files.createDirectories(layout.root());
    restrictToOwner(layout.root());
    Files.writeString(layout.marker(), "state of a Keelson local control plane\n");
    writePorts(layout, ports);

    ClusterPki pki = ClusterPki.generate(layout.pki());
    String token = ClusterPki.randomHex(24);
    // system:masters passes every RBAC check, like a cluster-admin kubeconfig
    Files.writeString(layout.tokenFile(), token + ",keelson-admin,keelson-admin,\"system:masters\"\n");
    URI server = URI.create("https://127.0.0.1:" + ports.apiServer());
    Kubeconfig.write(layout.kubeconfig(), server.toString(), pki.caCert(), token);

    List<ComponentProcess> started = new ArrayList<>();
    try {
      progress.accept("starting etcd on 127.0.0.1:" + ports.etcdClient());
      ComponentProcess etcd = ComponentProcess.start(ETCD, etcdCommand(binaries, layout, ports), layout, mode);
      started.add(etcd);
      await("etcd to become healthy", ETCD_TIMEOUT, () -> ApiServerProbe.etcdHealthy(ports.etcdClient()), etcd);

      progress.accept("starting kube-apiserver on " + server);
      ComponentProcess apiServer = ComponentProcess.start(APISERVER,
          apiServerCommand(binaries, layout, pki, ports), layout, mode);
      started.add(apiServer);
      ApiServerProbe probe = new ApiServerProbe(server, pki.caCert(), token);
      await("kube-apiserver /readyz", APISERVER_TIMEOUT, probe::ready, apiServer, etcd);

      progress.accept("starting kube-controller-manager");
      ComponentProcess kcm = ComponentProcess.start(CONTROLLER_MANAGER,
          controllerManagerCommand(binaries, layout, pki), layout, mode);
      started.add(kcm);
      // The token controller filling the default service account proves the controller
      // manager is up and talking to the API server; pods cannot be admitted before that.
      await("kube-controller-manager to create the default service account token",
          CONTROLLER_MANAGER_TIMEOUT,
          () -> defaultServiceAccountHasToken(probe.get("/api/v1/namespaces/default/serviceaccounts/default")),
          kcm, apiServer, etcd);
      return new ControlPlane(layout, ports, mode, binaries, pki, probe, started);
    } catch (IOException | RuntimeException e) {
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).stop(STOP_GRACE);
      }
      throw e;
    }
  }

  public Path stateDir() {
    return layout.root();
  }

  public Ports ports() {
    return ports;
  }

  public Mode mode() {
    return mode;
  }

  public Path kubeconfig() {
    return layout.kubeconfig();
  }

  public URI apiServerUrl() {
    return URI.create("https://127.0.0.1:" + ports.apiServer());
  }

  /** True while every component process runs. */
  public synchronized boolean isAlive() {
    return components.stream().allMatch(ComponentProcess::isAlive);
  }

  /**
   * Kills a component with SIGKILL, as a crash or an OOM kill would, and returns once it has
   * exited. For fault tests of a control plane of their own; {@link #restart} brings it back.
   */
  public synchronized void kill(Component component) {
    component(component).kill();
  }

  /**
   * Starts a component again (killed or not) with the same command line: same ports, same data
   * directory, same keys. Returns once it serves: etcd healthy, and the API server ready.
   */
  public synchronized void restart(Component component) throws IOException {
    ComponentProcess old = component(component);
    old.kill();
    ComponentProcess fresh = switch (component) {
      case ETCD -> ComponentProcess.start(ETCD, etcdCommand(binaries, layout, ports), layout, mode);
      case API_SERVER -> ComponentProcess.start(APISERVER, apiServerCommand(binaries, layout, pki, ports),
          layout, mode);
    };
    components.set(components.indexOf(old), fresh);
    if (component == Component.ETCD) {
      await("etcd to become healthy again", ETCD_TIMEOUT, () -> ApiServerProbe.etcdHealthy(ports.etcdClient()),
          fresh);
    }
    await("kube-apiserver /readyz after a restart of " + component.processName(), APISERVER_TIMEOUT, probe::ready,
        component(Component.API_SERVER), component(Component.ETCD));
  }

  private ComponentProcess component(Component component) {
    return components.stream().filter(c -> c.name().equals(component.processName())).findFirst()
        .orElseThrow(() -> new IllegalStateException(component.processName() + " is not part of this control plane"));
  }

  /** Stops the components in {@link Mode#CHILD}; detached components keep running. */
  @Override
  public void close() {
    if (mode != Mode.CHILD) {
      return;
    }
    stopComponents();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run; it does the same work
    }
  }

  private synchronized void stopComponents() {
    for (int i = components.size() - 1; i >= 0; i--) {
      components.get(i).stop(STOP_GRACE);
    }
  }

  /**
   * True when the processes recorded in {@code stateDir} all run and the API server is ready;
   * works for a control plane another JVM started.
   */
  public static boolean isRunning(Path stateDir) {
    StateLayout layout = new StateLayout(stateDir.toAbsolutePath());
    if (!COMPONENTS.stream().allMatch(c -> PidFile.isAlive(layout.pidFile(c)))) {
      return false;
    }
    try {
      Ports ports = readPorts(layout);
      String token = Files.readString(layout.tokenFile()).split(",", 2)[0].trim();
      URI server = URI.create("https://127.0.0.1:" + ports.apiServer());
      return new ApiServerProbe(server, layout.pki().resolve("ca.crt"), token).ready();
    } catch (IOException | RuntimeException e) {
      LOG.debug("recorded control plane in {} is not usable", stateDir, e);
      return false;
    }
  }

  /** Stops whatever components are recorded in {@code stateDir}; true if any was running. */
  public static boolean stop(Path stateDir, Consumer<String> progress) {
    StateLayout layout = new StateLayout(stateDir.toAbsolutePath());
    boolean any = false;
    for (int i = COMPONENTS.size() - 1; i >= 0; i--) {
      String component = COMPONENTS.get(i);
      if (PidFile.stop(layout.pidFile(component), STOP_GRACE)) {
        progress.accept("stopped " + component);
        any = true;
      }
    }
    return any;
  }

  /** The directory holds the CA key and the admin token: nobody else may read it. */
  private static void restrictToOwner(Path dir) throws IOException {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException notPosix) {
      // non-POSIX file systems keep their defaults
    }
  }

  static Ports readPorts(StateLayout layout) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(layout.ports(), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return new Ports(Integer.parseInt(p.getProperty("apiServer")),
        Integer.parseInt(p.getProperty("etcdClient")), Integer.parseInt(p.getProperty("etcdPeer")));
  }

  private static void writePorts(StateLayout layout, Ports ports) throws IOException {
    Properties p = new Properties();
    p.setProperty("apiServer", String.valueOf(ports.apiServer()));
    p.setProperty("etcdClient", String.valueOf(ports.etcdClient()));
    p.setProperty("etcdPeer", String.valueOf(ports.etcdPeer()));
    try (Writer out = Files.newBufferedWriter(layout.ports(), StandardCharsets.UTF_8)) {
      p.store(out, "ports of the local control plane");
    }
  }

  private static List<String> etcdCommand(KubeBinaries b, StateLayout layout, Ports ports) {
    String client = "http://127.0.0.1:" + ports.etcdClient();
    String peer = "http://127.0.0.1:" + ports.etcdPeer();
    return List.of(b.etcd().toString(),
        "--name", "keelson",
        "--data-dir", layout.etcdData().toString(),
        "--listen-client-urls", client,
        "--advertise-client-urls", client,
        "--listen-peer-urls", peer,
        // the defaults name localhost:2380; they must match the peer URL or etcd refuses to start
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "keelson=" + peer,
        "--log-level", "warn",
        "--logger", "zap");
  }

  private static List<String> apiServerCommand(KubeBinaries b, StateLayout layout, ClusterPki pki,
      Ports ports) {
    return List.of(b.apiServer().toString(),
        "--etcd-servers", "http://127.0.0.1:" + ports.etcdClient(),
        "--bind-address", "127.0.0.1",
        "--advertise-address", "127.0.0.1",
        "--secure-port", String.valueOf(ports.apiServer()),
        "--cert-dir", layout.pki().toString(),
        "--tls-cert-file", pki.serverCert().toString(),
        "--tls-private-key-file", pki.serverKey().toString(),
        "--client-ca-file", pki.caCert().toString(),
        "--token-auth-file", layout.tokenFile().toString(),
        "--service-account-key-file", pki.saPub().toString(),
        "--service-account-signing-key-file", pki.saKey().toString(),
        "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
        "--authorization-mode", "RBAC",
        "--service-cluster-ip-range", "10.0.0.0/24",
        "--allow-privileged=true",
        // the endpoint reconciler would publish 127.0.0.1 for the kubernetes service, which
        // Endpoints validation rejects (loopback) and then logs forever
        "--endpoint-reconciler-type", "none",
        "--profiling=false");
  }

  private static List<String> controllerManagerCommand(KubeBinaries b, StateLayout layout, ClusterPki pki) {
    return List.of(b.controllerManager().toString(),
        "--kubeconfig", layout.kubeconfig().toString(),
        // all controllers but node lifecycle: the simulated node renews its heartbeat too, this
        // only removes the risk of evictions when the simulator is slow on a busy machine
        "--controllers", "*,-nodelifecycle",
        "--leader-elect=false",
        // no serving at all: nothing scrapes it, and fixed ports would clash between clusters
        "--port", "0",
        "--secure-port", "0",
        "--use-service-account-credentials=false",
        "--service-account-private-key-file", pki.saKey().toString(),
        // published as the kube-root-ca.crt configmap and inside service-account token secrets
        "--root-ca-file", pki.caCert().toString(),
        "--cluster-signing-cert-file", pki.caCert().toString(),
        "--cluster-signing-key-file", pki.caKey().toString(),
        "--kube-api-qps", "100",
        "--kube-api-burst", "200",
        "--profiling=false");
  }

  private static boolean defaultServiceAccountHasToken(ApiServerProbe.Response r) {
    return r.status() == 200 && r.body().contains("\"secrets\"");
  }

  /** Polls {@code condition} until it holds; fails early, with its log, if a component dies. */
  static void await(String what, Duration timeout, BooleanSupplier condition, ComponentProcess... mustRun) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 50;
    while (true) {
      for (ComponentProcess c : mustRun) {
        if (!c.isAlive()) {
          throw new IllegalStateException(c.name() + " exited while waiting for " + what
              + "; last lines of its log:\n" + c.logTail(30));
        }
      }
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        String log = mustRun.length > 0
            ? "; last lines of the " + mustRun[0].name() + " log:\n" + mustRun[0].logTail(30) : "";
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + "s waiting for " + what + log);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
      pause = Math.min(pause * 2, 500);
    }
  }

  static void deleteRecursively(Path dir) {
    try {
      Directories.deleteRecursively(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
