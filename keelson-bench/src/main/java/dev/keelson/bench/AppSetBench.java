package dev.keelson.bench;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One ApplicationSet generating N apps over C clusters: time from the set's creation to the first
 * app, to all N apps, and to all Synced and Healthy, overall and per cluster.
 */
@Command(name = "appset", mixinStandardHelpOptions = true,
    description = {
      "One ApplicationSet (matrix of the clusters generator and a git directories generator) generating N"
          + " Applications spread over C clusters: the controller's own and C-1 more (local control planes started"
          + " for the run, or --cluster-kubeconfig). Time from the set's creation to the first Application, to all N,"
          + " and to all Synced and Healthy, overall and per cluster. Then one more app: a commit adds app N+1 and a"
          + " spec edit makes the set run one pass over N+1 apps; the time to the new Application.",
      "Result: one JSON object on the last line of stdout."})
public final class AppSetBench extends ScenarioCommand {
  private static final String RECONCILE_THREAD_PREFIX = "ReconcilerExecutor-";
  private static final String SEEN = "seen";

  @Option(names = "--apps", defaultValue = "100", description = "Applications the set generates (default: ${DEFAULT-VALUE}).")
  int apps;

  @Option(names = "--clusters", defaultValue = "2",
      description = "Destination clusters, the controller's own included (1: only it) (default: ${DEFAULT-VALUE}).")
  int clusters;

  @Option(names = "--cluster-kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig of a further destination cluster (repeatable, at most --clusters - 1); the clusters"
          + " not given are local control planes, started for the run unless already running.")
  List<Path> clusterKubeconfigs = new ArrayList<>();

  @Option(names = "--objects-per-app", defaultValue = "4",
      description = "Objects per app, at least 4: Deployment, ServiceAccount, Service and the rest ConfigMaps (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  @Option(names = "--interval", defaultValue = "10m",
      description = "The generated apps' spec.interval; longer than the run, so only the first sync is measured (default: ${DEFAULT-VALUE}).")
  String interval;

  @Override
  String name() {
    return "appset";
  }

  @Override
  Map<String, Object> parameters() {
    AppSetLayout layout = AppSetLayout.of(apps, clusters);
    new AppShape(objectsPerApp);
    if (clusterKubeconfigs.size() > clusters - 1) {
      throw new IllegalArgumentException("--cluster-kubeconfig given " + clusterKubeconfigs.size() + " times, but --clusters "
          + clusters + " leaves room for " + (clusters - 1) + " besides the controller's own");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("apps", apps);
    p.put("clusters", clusters);
    p.put("objects_per_app", objectsPerApp);
    p.put("interval_seconds", Scenarios.intervalSeconds(interval));
    p.put("apps_per_cluster", layout.appsPerCluster());
    p.put("cluster_kubeconfigs", clusterKubeconfigs.size());
    return p;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    AppSetLayout layout = AppSetLayout.of(apps, clusters);
    AppShape shape = new AppShape(objectsPerApp);
    ctx.installCrd();
    // the set, its Applications, the cluster Secrets and the in-cluster's objects share one namespace,
    // which is also the engine's controller namespace: the engine reads the run's cluster Secrets
    // there, never another run's or a real controller's in keelson-system
    String ns = ctx.namespace("appset");

    long c0 = System.nanoTime();
    List<BenchFleet.Member> members = new ArrayList<>();
    members.add(BenchFleet.inCluster(ctx));
    for (int i = 2; i <= clusters; i++) {
      Path kubeconfig = i - 2 < clusterKubeconfigs.size() ? clusterKubeconfigs.get(i - 2) : null;
      members.add(BenchFleet.extra(ctx, layout.clusters().get(i - 1), kubeconfig, ns));
    }
    double clustersSeconds = Text.seconds(System.nanoTime() - c0);
    for (BenchFleet.Member m : members) BenchFleet.register(ctx, ns, m, ns);

    Path work = ctx.tempDir("keelson-bench-appset-");
    ctx.progress.say("writing " + apps + " apps x " + objectsPerApp + " objects into a Git repository, "
        + layout.appsPerCluster());
    BenchRepo repo = BenchRepo.init(work.resolve("repo"));
    ctx.cleanup.add("close the Git repository", repo::close);
    for (int i = 1; i <= apps; i++) {
      for (var f : shape.files(layout.app(i), "initial").entrySet()) {
        repo.write(layout.directory(i) + "/" + f.getKey(), f.getValue());
      }
      ctx.deadline.check("writing the Git repository");
    }
    String sha = repo.commit(apps + " apps over " + clustersText());
    Map<String, String> clusterByApp = layout.clusterByApp();
    List<String> names = List.copyOf(clusterByApp.keySet());

    var log = ctx.watchApps(ns, sha, false);
    // runs after the engine has stopped (cleanup goes newest first): the generated apps carry the
    // resources finalizer, which nothing would remove any more, and would hold the namespace
    ctx.cleanup.add("delete the ApplicationSet and its Applications", () -> deleteSetAndApps(ctx, ns));
    ctx.progress.say("starting the engine (controller namespace " + ns + ")");
    EngineUnderTest engine = ctx.startEngine(Set.of(ns), work.resolve("cache"), ns);

    Map<String, Long> cpuBefore = cpuTicks(members);
    ResourceSampler.heapAfterGc();
    ResourceSampler sampler = ResourceSampler.start(RECONCILE_THREAD_PREFIX);
    String yaml = AppSetLayout.applicationSet(ns, ns, repo.url(), ns, interval);
    ctx.progress.say("creating the ApplicationSet " + AppSetLayout.SET_NAME + " (" + apps + " apps over "
        + clustersText() + ")");
    long t0 = System.nanoTime();
    ctx.admin.resource(ctx.admin.getKubernetesSerialization().unmarshal(yaml, ApplicationSet.class)).create();
    awaitGenerated(ctx, log, names);
    long generatedAt = BenchContext.lastReached(log, SEEN);
    ctx.progress.say(String.format(Locale.ROOT, "%d Applications generated after %.1fs", apps,
        Text.seconds(generatedAt - t0)));
    ctx.awaitAll(log, names, "ready");
    ResourceSampler.Usage usage = sampler.stop();
    Map<String, Double> clusterCpu = ClusterProcesses.cpuSeconds(cpuBefore, cpuTicks(members), usage.cpuNanos());
    long liveHeap = ResourceSampler.heapAfterGc();
    RequestCounter.Snapshot requests = engine.requests().snapshot();
    long readyAt = BenchContext.lastReached(log, "ready");
    long syncedAt = BenchContext.lastReached(log, "synced");
    Map<String, Long> seen = log.reached(SEEN);
    long firstAt = names.stream().mapToLong(seen::get).min().orElse(t0);
    ctx.progress.say(String.format(Locale.ROOT, "%d apps Synced and Healthy after %.1fs", apps, Text.seconds(readyAt - t0)));

    List<String> unexpected = seen.keySet().stream().filter(n -> !clusterByApp.containsKey(n)).sorted().toList();
    if (!unexpected.isEmpty()) ctx.warn("the set generated Applications the layout does not name: " + unexpected);
    Map<String, Object> perCluster = perCluster(layout, clusterByApp, log, t0);

    OneMore more = oneMore(ctx, layout, shape, repo, ns);

    int objects = apps * objectsPerApp;
    result.put("objects", objects);
    result.put("clusters_start_seconds", Text.round(clustersSeconds, 2));
    Map<String, String> sources = new LinkedHashMap<>();
    members.forEach(m -> sources.put(m.name(), m.source()));
    result.put("cluster_sources", sources);
    result.put("first_app_seconds", Text.round(Text.seconds(firstAt - t0), 2));
    result.put("generated_seconds", Text.round(Text.seconds(generatedAt - t0), 2));
    result.put("generated_apps_per_s", Text.round(apps / Text.seconds(generatedAt - t0), 1));
    result.put("synced_seconds", Text.round(Text.seconds(syncedAt - t0), 2));
    result.put("synced_healthy_seconds", Text.round(Text.seconds(readyAt - t0), 2));
    result.put("objects_per_s", Text.round(objects / Text.seconds(readyAt - t0), 2));
    result.put("per_cluster", perCluster);
    result.put("new_app", more.name());
    result.put("new_app_cluster", more.cluster());
    result.put("new_app_seconds", Text.round(more.seenSeconds(), 2));
    result.put("new_app_ready_seconds", Text.round(more.readySeconds(), 2));
    result.put("new_app_pass_seconds", Text.round(more.passSeconds(), 2));
    result.put("appset_conditions", conditions(ctx, ns));
    result.put("requests", requests.total());
    result.put("writes", requests.writes());
    result.put("requests_per_object", Text.round((double) requests.total() / objects, 2));
    result.put("requests_by_kind", requests.byKind());
    result.put("requests_scope", "the controller's own cluster (Applications, the set, status, events and the"
        + " in-cluster's objects); the clients of the other clusters are not counted");
    result.put("engine_cpu_seconds", Text.round(Text.seconds(usage.cpuNanos()), 2));
    result.put("cluster_cpu_seconds", clusterCpu);
    result.put("reconciles_in_flight_peak", usage.threadsPeak());
    result.put("heap_peak_mib", Text.mib(usage.heapPeakBytes()));
    result.put("heap_after_gc_mib", Text.mib(liveHeap));
    result.put("rss_peak_mib", Text.mib(usage.rssPeakBytes()));
    result.put("rss_source", usage.rssSource());
    result.put("concurrency", EngineUnderTest.CONCURRENCY);
    result.put("warmup", "none: the engine starts, then the set is created on a cold JVM");
  }

  private String clustersText() {
    return clusters == 1 ? "1 cluster" : clusters + " clusters";
  }

  /**
   * The figure of Argo CD #9002: with the N apps converged, a commit adds app N+1 and a spec edit
   * ({@code interval} to {@value #NEW_APP_INTERVAL}, which also lets the pass fetch again at once)
   * makes the controller run one pass, as a refresh would. Times are from the edit: to the new
   * Application, to it Synced and Healthy, and to the set's status of the new generation (the end
   * of that pass over N+1 apps).
   */
  private record OneMore(String name, String cluster, double seenSeconds, double readySeconds, double passSeconds) {}

  private static final String NEW_APP_INTERVAL = "1s";

  private static OneMore oneMore(BenchContext ctx, AppSetLayout layout, AppShape shape, BenchRepo repo, String ns)
      throws Exception {
    int i = layout.apps() + 1;
    String name = layout.app(i);
    for (var f : shape.files(name, "initial").entrySet()) repo.write(layout.directory(i) + "/" + f.getKey(), f.getValue());
    String sha = repo.commit("one more app");
    var log = ctx.watchApps(ns, sha, false);
    var sets = ctx.admin.resources(ApplicationSet.class).inNamespace(ns).withName(AppSetLayout.SET_NAME);
    ctx.progress.say("one more app: " + name + " committed; editing the set's interval to " + NEW_APP_INTERVAL
        + " so that it runs a pass over " + i + " apps now");
    long t0 = System.nanoTime();
    long generation = sets.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"interval\":\"" + NEW_APP_INTERVAL + "\"}}").getMetadata().getGeneration();
    Long passAt = null;
    while (passAt == null || !log.reached("ready").containsKey(name)) {
      if (passAt == null) {
        ApplicationSet set = sets.get();
        if (set != null && set.getStatus() != null && set.getStatus().observedGeneration != null
            && set.getStatus().observedGeneration >= generation) {
          passAt = System.nanoTime();
        }
      }
      ctx.deadline.pause(Duration.ofMillis(50), "waiting for the new app " + name + " to be generated, Synced and Healthy ("
          + log.latest(name).map(AppView::toString).orElse("not generated") + ")");
    }
    long seenAt = log.reached(SEEN).get(name);
    long readyAt = log.reached("ready").get(name);
    ctx.progress.say(String.format(Locale.ROOT, "one more app: generated after %.2fs, Synced and Healthy after %.2fs",
        Text.seconds(seenAt - t0), Text.seconds(readyAt - t0)));
    log.close();
    return new OneMore(name, layout.clusterOf(i), Text.seconds(seenAt - t0), Text.seconds(readyAt - t0),
        Text.seconds(passAt - t0));
  }

  /** Waits until every expected Application exists; progress on stderr. */
  private static void awaitGenerated(BenchContext ctx, ObjectLog<Application, AppView> log, List<String> names) {
    int n = names.size();
    while (true) {
      Map<String, Long> seen = log.reached(SEEN);
      long count = names.stream().filter(seen::containsKey).count();
      if (count >= n) return;
      ctx.deadline.pause(Duration.ofMillis(20), "waiting for the ApplicationSet to generate " + n + " Applications ("
          + count + "/" + n + " exist)");
      ctx.progress.every(() -> names.stream().filter(log.reached(SEEN)::containsKey).count() + "/" + n
          + " Applications generated, " + log.reached("ready").size() + " Synced and Healthy");
    }
  }

  private static Map<String, Object> perCluster(AppSetLayout layout, Map<String, String> clusterByApp,
      ObjectLog<Application, AppView> log, long t0) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String cluster : layout.clusters()) {
      List<String> mine = clusterByApp.entrySet().stream().filter(e -> e.getValue().equals(cluster))
          .map(Map.Entry::getKey).toList();
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("apps", mine.size());
      if (!mine.isEmpty()) {
        c.put("first_app_seconds", seconds(mine, log.reached(SEEN), t0, true));
        c.put("generated_seconds", seconds(mine, log.reached(SEEN), t0, false));
        c.put("first_ready_seconds", seconds(mine, log.reached("ready"), t0, true));
        c.put("synced_healthy_seconds", seconds(mine, log.reached("ready"), t0, false));
      }
      out.put(cluster, c);
    }
    return out;
  }

  private static double seconds(List<String> names, Map<String, Long> at, long t0, boolean first) {
    var times = names.stream().map(at::get).filter(java.util.Objects::nonNull).mapToLong(Long::longValue);
    long t = first ? times.min().orElse(t0) : times.max().orElse(t0);
    return Text.round(Text.seconds(t - t0), 2);
  }

  /** The set's conditions at the end, type to status and message: a failed generator shows here. */
  private static Map<String, String> conditions(BenchContext ctx, String ns) {
    Map<String, String> out = new LinkedHashMap<>();
    ApplicationSet set = ctx.admin.resources(ApplicationSet.class).inNamespace(ns).withName(AppSetLayout.SET_NAME).get();
    if (set == null || set.getStatus() == null || set.getStatus().conditions == null) return out;
    set.getStatus().conditions.forEach(c -> out.put(c.getType(), c.getStatus()
        + (c.getMessage() == null || c.getMessage().isBlank() ? "" : ": " + c.getMessage())));
    return out;
  }

  /** CPU ticks of every cluster's control plane, by {@code cluster/component}, and of the machine. */
  private static Map<String, Long> cpuTicks(List<BenchFleet.Member> members) {
    Map<String, Long> t = new LinkedHashMap<>();
    Long machine = null;
    for (BenchFleet.Member m : members) {
      for (var e : m.processes().cpuTicks().entrySet()) {
        if (e.getKey().equals(ClusterProcesses.MACHINE)) {
          if (machine == null) machine = e.getValue();
        } else {
          t.put(m.name() + "/" + e.getKey(), e.getValue());
        }
      }
    }
    if (machine != null) t.put(ClusterProcesses.MACHINE, machine);
    return t;
  }

  /**
   * With the engine stopped: the set goes first (so that it generates nothing more), then each
   * Application loses its finalizer and is deleted; the namespaces take the objects with them.
   */
  private static void deleteSetAndApps(BenchContext ctx, String ns) {
    ctx.admin.resources(ApplicationSet.class).inNamespace(ns).withName(AppSetLayout.SET_NAME).delete();
    var apps = ctx.admin.resources(Application.class).inNamespace(ns);
    for (Application a : apps.list().getItems()) {
      if (a.getMetadata().getFinalizers() == null || a.getMetadata().getFinalizers().isEmpty()) continue;
      try {
        apps.withName(a.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"finalizers\":null}}");
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) throw e;
      }
    }
    apps.delete();
  }
}
