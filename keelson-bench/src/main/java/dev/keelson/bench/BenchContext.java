package dev.keelson.bench;

import dev.keelson.io.Directories;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.CrdInstaller;
import dev.keelson.core.tracking.TrackingMark;
import dev.keelson.localcluster.LocalCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One run's connection to the cluster and everything it creates there and on disk. Whatever is
 * created through the context is registered for cleanup: the in-process engine is stopped, the
 * Applications and namespaces are deleted (and waited for, within a bound), temporary
 * directories are removed, and a local cluster started for the run is stopped again.
 */
final class BenchContext {
  static final String BENCH_LABEL = "keelson.dev/bench";
  static final Duration CLEANUP_WAIT = Duration.ofMinutes(5);
  private static final int CREATE_CONCURRENCY = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  final String scenario;
  final Deadline deadline;
  final Cleanup cleanup;
  final Progress progress;
  final Config config;
  final KubernetesClient admin;
  final List<String> warnings = new ArrayList<>();
  /** {@code --keep-cluster}: control planes the run starts stay up after it. */
  final boolean keepCluster;
  private final Instant startedAt = Instant.now();
  private final List<String> namespaces = new ArrayList<>();
  private final String clusterSource;

  private BenchContext(String scenario, Deadline deadline, Cleanup cleanup, Progress progress, Config config,
      String clusterSource, boolean keepCluster) {
    this.scenario = scenario;
    this.keepCluster = keepCluster;
    this.deadline = deadline;
    this.cleanup = cleanup;
    this.progress = progress;
    this.config = config;
    this.clusterSource = clusterSource;
    this.admin = new KubernetesClientBuilder().withConfig(new ConfigBuilder(config).build()).build();
    cleanup.add("close the observer client", admin::close);
    cleanup.add("wait for the benchmark namespaces to be deleted", this::awaitNamespacesGone);
  }

  /**
   * Connects to {@code --kubeconfig}, else {@code $KUBECONFIG}, else the local cluster (started
   * for the run, and stopped after it unless {@code --keep-cluster}, when none is running).
   */
  static BenchContext open(String scenario, BenchOptions options, Deadline deadline, Cleanup cleanup,
      Progress progress) throws IOException {
    Config config;
    String source;
    if (options.kubeconfig != null) {
      config = Config.fromKubeconfig(Files.readString(options.kubeconfig));
      source = options.kubeconfig.toString();
    } else if (System.getenv("KUBECONFIG") != null && !System.getenv("KUBECONFIG").isBlank()) {
      config = Config.autoConfigure(null);
      source = "$KUBECONFIG";
    } else {
      LocalCluster local = new LocalCluster();
      Path stateDir = LocalCluster.defaultStateDir();
      var running = local.kubeconfig(stateDir);
      Path kubeconfig;
      if (running.isPresent()) {
        kubeconfig = running.get();
      } else {
        progress.say("no local cluster running; starting one in " + stateDir);
        cleanup.add("stop the local cluster started for the run", () -> {
          if (options.keepCluster) {
            progress.say("local cluster left running (--keep-cluster); stop it with: keelson local-cluster down");
          } else {
            local.down(stateDir, System.err);
          }
        });
        kubeconfig = local.up(stateDir, System.err);
      }
      config = Config.fromKubeconfig(Files.readString(kubeconfig));
      source = "local cluster (" + kubeconfig + ")";
    }
    BenchContext ctx = new BenchContext(scenario, deadline, cleanup, progress, config, source, options.keepCluster);
    ctx.checkForOtherControllers();
    return ctx;
  }

  /** The fields every result carries. */
  Map<String, Object> header() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("scenario", scenario);
    h.put("date", ZonedDateTime.ofInstant(startedAt, java.time.ZoneOffset.UTC).toString());
    h.put("cores", Runtime.getRuntime().availableProcessors());
    h.put("memory_mib", Math.round(ResourceSampler.totalMemoryBytes() / (1024.0 * 1024.0)));
    String version;
    try {
      version = admin.getKubernetesVersion().getGitVersion();
    } catch (KubernetesClientException e) {
      version = "unknown";
    }
    h.put("kubernetes_version", version);
    h.put("java_version", System.getProperty("java.version"));
    h.put("heap_max_mib", Text.mib(ResourceSampler.heapMax()));
    h.put("cluster", clusterSource);
    return h;
  }

  /**
   * A second controller on the same cluster would reconcile the benchmark's Applications too and
   * distort every figure: say so when a fresh leader Lease shows one.
   */
  private void checkForOtherControllers() {
    try {
      Lease lease = admin.leases().inNamespace("keelson-system").withName("keelson-controller-leader").get();
      if (lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null) return;
      Duration age = Duration.between(lease.getSpec().getRenewTime().toInstant(), ZonedDateTime.now().toInstant());
      if (age.compareTo(Duration.ofMinutes(1)) < 0) {
        warn("a keelson controller (" + lease.getSpec().getHolderIdentity() + ") is running against this cluster;"
            + " it reconciles the benchmark's Applications too, which distorts the figures");
      }
    } catch (KubernetesClientException e) {
      // no permission or no such API: nothing to check
    }
  }

  void warn(String message) {
    warnings.add(message);
    progress.say("warning: " + message);
  }

  void installCrd() throws IOException {
    CrdInstaller.install(admin);
  }

  /** A temporary directory, deleted at cleanup. */
  Path tempDir(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    cleanup.add("delete " + dir, () -> Directories.deleteRecursively(dir));
    return dir;
  }

  /** A fresh namespace {@code keelson-bench-<role>-<random>}, labelled, deleted (Applications first) at cleanup. */
  String namespace(String role) {
    String name = "keelson-bench-" + role + "-" + randomSuffix();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels(BENCH_LABEL, scenario).endMetadata().build()).create();
    synchronized (namespaces) {
      namespaces.add(name);
    }
    cleanup.add("delete namespace " + name, () -> {
      try {
        admin.resources(Application.class).inNamespace(name).delete();
      } finally {
        admin.namespaces().withName(name).delete();
      }
    });
    return name;
  }

  /** Deletes namespaces (Applications first) now and waits until they are gone. */
  void deleteNamespacesNow(List<String> names) {
    for (String name : names) {
      admin.resources(Application.class).inNamespace(name).delete();
      admin.namespaces().withName(name).delete();
    }
    while (true) {
      List<String> left = names.stream().filter(n -> admin.namespaces().withName(n).get() != null).toList();
      if (left.isEmpty()) return;
      progress.every(() -> "waiting for namespace(s) " + String.join(", ", left) + " to be deleted");
      deadline.pause(Duration.ofMillis(500), "waiting for namespace(s) " + String.join(", ", left) + " to be deleted");
    }
  }

  /** Starts the engine on the given namespaces; stopped at cleanup (before anything is deleted). */
  EngineUnderTest startEngine(Set<String> watched, Path cacheDir) throws IOException {
    return startEngine(watched, cacheDir, null);
  }

  /** The same, reading cluster Secrets in {@code controllerNamespace} (null: the default). */
  EngineUnderTest startEngine(Set<String> watched, Path cacheDir, String controllerNamespace) throws IOException {
    return startEngine(watched, cacheDir, controllerNamespace, dev.keelson.controller.shard.ShardOptions.off());
  }

  /** The same, as one replica of sharded controllers whose Leases are in {@code controllerNamespace}. */
  EngineUnderTest startEngine(Set<String> watched, Path cacheDir, String controllerNamespace,
      dev.keelson.controller.shard.ShardOptions shards) throws IOException {
    EngineUnderTest engine = EngineUnderTest.start(config, watched, cacheDir, controllerNamespace, shards);
    cleanup.add("stop the engine", engine::close);
    return engine;
  }

  /** Creates Applications from YAML with a few concurrent requests; returns the seconds it took. */
  double createApps(List<String> yamls) throws Exception {
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(CREATE_CONCURRENCY, Math.max(1, yamls.size())));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String yaml : yamls) {
        futures.add(pool.submit(() -> {
          deadline.check("creating Applications");
          Application app = admin.getKubernetesSerialization().unmarshal(yaml, Application.class);
          admin.resource(app).create();
          return null;
        }));
      }
      int done = 0;
      for (Future<?> f : futures) {
        f.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
        done++;
        int d = done;
        progress.every(() -> "created " + d + "/" + yamls.size() + " Applications");
      }
    } catch (java.util.concurrent.TimeoutException e) {
      deadline.check("creating Applications");
      throw e;
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    } finally {
      pool.shutdownNow();
    }
    return Text.seconds(System.nanoTime() - t0);
  }

  /** Observes the Applications of a namespace; {@code synced}/{@code ready} milestones are at {@code sha}. */
  ObjectLog<Application, AppView> watchApps(String ns, String sha, boolean keepHistory) {
    Map<String, Predicate<AppView>> milestones = new LinkedHashMap<>();
    // when the benchmark first saw the Application at all (created by it, or by an ApplicationSet)
    milestones.put("seen", v -> true);
    milestones.put("synced", v -> v.syncedAt(sha));
    milestones.put("ready", v -> v.readyAt(sha));
    ObjectLog<Application, AppView> log = new ObjectLog<Application, AppView>(new ObjectLog.Source<>() {
      @Override
      public KubernetesResourceList<Application> list() {
        return admin.resources(Application.class).inNamespace(ns).list();
      }

      @Override
      public Watch watch(ListOptions o,
          Watcher<Application> w) {
        return admin.resources(Application.class).inNamespace(ns).watch(o, w);
      }
    }, AppView::of, milestones, keepHistory).start();
    cleanup.add("stop watching Applications in " + ns, log::close);
    return log;
  }

  /** Observes the values of the managed ConfigMaps of a namespace. */
  ObjectLog<ConfigMap, String> watchConfigMaps(String ns) {
    ObjectLog<ConfigMap, String> log = new ObjectLog<ConfigMap, String>(new ObjectLog.Source<>() {
      @Override
      public KubernetesResourceList<ConfigMap> list() {
        return admin.configMaps().inNamespace(ns).withLabel(TrackingMark.LABEL).list();
      }

      @Override
      public Watch watch(ListOptions o,
          Watcher<ConfigMap> w) {
        return admin.configMaps().inNamespace(ns).withLabel(TrackingMark.LABEL).watch(o, w);
      }
    }, cm -> cm.getData() == null ? "" : cm.getData().getOrDefault(AppShape.VALUE_KEY, ""), Map.of(), true).start();
    cleanup.add("stop watching ConfigMaps in " + ns, log::close);
    return log;
  }

  /**
   * Observes the Deployments of a namespace; milestone {@code observed}: the Deployment
   * controller has seen the current spec, which is when a Deployment with 0 replicas is Healthy.
   */
  ObjectLog<Deployment, Boolean> watchDeployments(String ns) {
    ObjectLog<Deployment, Boolean> log = new ObjectLog<Deployment, Boolean>(new ObjectLog.Source<>() {
      @Override
      public KubernetesResourceList<Deployment> list() {
        return admin.apps().deployments().inNamespace(ns).list();
      }

      @Override
      public Watch watch(ListOptions o,
          Watcher<Deployment> w) {
        return admin.apps().deployments().inNamespace(ns).watch(o, w);
      }
    }, d -> d.getStatus() != null && d.getStatus().getObservedGeneration() != null
        && d.getMetadata().getGeneration() != null
        && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration(),
        Map.of("observed", Boolean::booleanValue), false).start();
    cleanup.add("stop watching Deployments in " + ns, log::close);
    return log;
  }

  /**
   * Waits until every app reached the milestone; progress on stderr. On timeout the error names
   * how many made it and the state of one that did not.
   */
  void awaitAll(ObjectLog<Application, AppView> apps, Collection<String> names, String milestone) {
    int n = names.size();
    while (true) {
      Map<String, Long> reached = apps.reached(milestone);
      int count = reached.size();
      if (count >= n) return;
      String doing = "waiting for " + n + " Applications to be " + describe(milestone) + " (" + count + "/" + n
          + " are; e.g. " + laggard(apps, names, reached) + ")";
      deadline.pause(Duration.ofMillis(20), doing);
      progress.every(() -> apps.reached("synced").size() + "/" + n + " apps Synced, "
          + apps.reached("ready").size() + "/" + n + " Synced and Healthy");
    }
  }

  private static String describe(String milestone) {
    return milestone.equals("ready") ? "Synced and Healthy" : "Synced";
  }

  private static String laggard(ObjectLog<Application, AppView> apps, Collection<String> names, Map<String, Long> reached) {
    for (String name : names) {
      if (!reached.containsKey(name)) {
        return name + " " + apps.latest(name).map(AppView::toString).orElse("not seen");
      }
    }
    return "none";
  }

  /** The latest time any of the apps reached the milestone. */
  static long lastReached(ObjectLog<Application, AppView> apps, String milestone) {
    return apps.reached(milestone).values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
  }

  private void awaitNamespacesGone() {
    List<String> names;
    synchronized (namespaces) {
      names = List.copyOf(namespaces);
    }
    if (names.isEmpty()) return;
    long giveUp = System.nanoTime() + CLEANUP_WAIT.toNanos();
    while (true) {
      List<String> left = names.stream().filter(n -> admin.namespaces().withName(n).get() != null).toList();
      if (left.isEmpty()) {
        progress.say("deleted namespace(s) " + String.join(", ", names));
        return;
      }
      if (System.nanoTime() - giveUp > 0) {
        progress.say("namespace(s) " + String.join(", ", left) + " still terminating after "
            + Text.duration(CLEANUP_WAIT) + "; the cluster finishes deleting them on its own");
        return;
      }
      progress.every(() -> "waiting for namespace(s) " + String.join(", ", left) + " to be deleted");
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String randomSuffix() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 6; i++) s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    return s.toString();
  }
}
