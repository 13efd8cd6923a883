package dev.keelson.bench;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.kube.ApiDiscovery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * N apps from an empty namespace to all Synced and Healthy, and in the same run the ceiling: the
 * same objects server-side-applied by a bare loop with the same client and concurrency.
 */
@Command(name = "cold-start", mixinStandardHelpOptions = true,
    description = {
      "N Applications (Deployment with 0 replicas, ServiceAccount, Service, ConfigMaps) from an empty namespace to all"
          + " Synced and Healthy, measured against a bare server-side-apply loop over the same objects with the same"
          + " client and concurrency (the ceiling on this machine). The engine runs first, then the baseline.",
      "Result: one JSON object on the last line of stdout."})
public final class ColdStartBench extends ScenarioCommand {
  private static final String RECONCILE_THREAD_PREFIX = "ReconcilerExecutor-";
  private static final int DEFAULT_WARMUP = 100;

  @Option(names = "--apps", defaultValue = "100", description = "Number of Applications (default: ${DEFAULT-VALUE}).")
  int apps;

  @Option(names = "--objects-per-app", defaultValue = "4",
      description = "Objects per app, at least 4: Deployment, ServiceAccount, Service and the rest ConfigMaps (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  @Option(names = "--warmup", paramLabel = "APPS",
      description = "Apps first run through the engine and the baseline, unmeasured, in namespaces deleted before the"
          + " measured phases, so that both phases run on a warmed-up JVM (default: min(apps, 100); 0 for a cold JVM).")
  Integer warmup;

  /** What each app's directory holds. */
  enum Shape { plain, helm }

  @Option(names = "--shape", defaultValue = "plain",
      description = "plain: the objects as YAML files; helm: each app a small Helm chart rendering the same objects"
          + " (default: ${DEFAULT-VALUE}).")
  Shape shapeKind;

  @Option(names = "--interval", defaultValue = "10m",
      description = "The apps' spec.interval; longer than the run, so only the cold start is measured (default: ${DEFAULT-VALUE}).")
  String interval;

  private double warmupSeconds;

  /**
   * Runs some apps through a first engine and the bare loop, unmeasured: the JIT compiles the
   * client, serialization and TLS paths both phases share before either is timed. The
   * namespaces are deleted (and the deletion waited for) before the measured phases start.
   */
  private void warmUp(BenchContext ctx, Scenarios.Fixture fx, Path work, List<String> names)
      throws Exception {
    long t0 = System.nanoTime();
    ctx.progress.say("warm-up: " + names.size() + " apps through the engine and the baseline (not measured)");
    String ns = ctx.namespace("warm");
    String baseNs = ctx.namespace("warm-base");
    var log = ctx.watchApps(ns, fx.sha(), false);
    try (EngineUnderTest engine = EngineUnderTest.start(ctx.config, Set.of(ns), work.resolve("warm-cache"))) {
      ctx.createApps(names.stream()
          .map(n -> AppShape.application(n, ns, fx.repo().url(), BenchRepo.appPath(n), "", true, interval)).toList());
      ctx.awaitAll(log, names, "ready");
    } finally {
      log.close();
    }
    ApiDiscovery discovery = new ApiDiscovery(ctx.admin);
    List<List<Manifest>> bodies = new ArrayList<>();
    for (String name : names) {
      bodies.add(BareApplyLoop.prepare(discovery, plain(name), name, new AppRef(baseNs, name), baseNs));
    }
    BareApplyLoop.run(ctx, bodies, EngineUnderTest.CONCURRENCY);
    ctx.progress.say("warm-up done; deleting its namespaces");
    ctx.deleteNamespacesNow(List.of(ns, baseNs));
    warmupSeconds = Text.seconds(System.nanoTime() - t0);
  }

  private static void awaitObserved(BenchContext ctx, ObjectLog<?, Boolean> deployments, int n) {
    while (deployments.reached("observed").size() < n) {
      ctx.progress.every(() -> "baseline: " + deployments.reached("observed").size() + "/" + n
          + " Deployments observed by the cluster");
      ctx.deadline.pause(java.time.Duration.ofMillis(20), "waiting for the baseline's Deployments to be observed ("
          + deployments.reached("observed").size() + "/" + n + ")");
    }
  }

  /** The app's objects as plain files: what the baseline applies, and what a chart renders to. */
  private Map<String, String> plain(String app) {
    return new AppShape(objectsPerApp).files(app, "initial");
  }

  @Override
  String name() {
    return "cold-start";
  }

  @Override
  Map<String, Object> parameters() {
    if (apps < 1) throw new IllegalArgumentException("--apps must be at least 1");
    new AppShape(objectsPerApp);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("apps", apps);
    p.put("objects_per_app", objectsPerApp);
    p.put("shape", shapeKind.name());
    p.put("interval_seconds", Scenarios.intervalSeconds(interval));
    if (warmup != null && warmup < 0) throw new IllegalArgumentException("--warmup must not be negative");
    p.put("warmup_apps", warmupApps());
    return p;
  }

  private int warmupApps() {
    return Math.min(apps, warmup == null ? DEFAULT_WARMUP : warmup);
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    AppShape shape = new AppShape(objectsPerApp);
    int objects = apps * objectsPerApp;
    ctx.installCrd();
    Path work = ctx.tempDir("keelson-bench-cold-");
    Scenarios.Fixture fx = shapeKind == Shape.helm
        ? Scenarios.repoWithCharts(ctx, work, new HelmAppShape(shape), apps)
        : Scenarios.repoWithApps(ctx, work, shape, apps);
    if (shapeKind == Shape.helm) HelmRenderTimes.measure(ctx, fx, result);
    if (warmupApps() > 0) warmUp(ctx, fx, work, fx.names().subList(0, warmupApps()));
    String ns = ctx.namespace("cold");
    String baseNs = ctx.namespace("base");

    var log = ctx.watchApps(ns, fx.sha(), false);
    List<String> yamls = fx.names().stream()
        .map(n -> AppShape.application(n, ns, fx.repo().url(), BenchRepo.appPath(n), "", true, interval)).toList();
    ctx.progress.say("creating " + apps + " Applications in " + ns);
    double createSeconds = ctx.createApps(yamls);

    // the engine: from start to every app Synced and Healthy
    ctx.progress.say("starting the engine (" + EngineUnderTest.CONCURRENCY + " reconcile threads)");
    ClusterProcesses cluster = ClusterProcesses.find(ctx.config.getMasterUrl());
    ResourceSampler.heapAfterGc();
    Map<String, Long> clusterBefore = cluster.cpuTicks();
    ResourceSampler sampler = ResourceSampler.start(RECONCILE_THREAD_PREFIX);
    long t0 = System.nanoTime();
    EngineUnderTest engine = ctx.startEngine(Set.of(ns), work.resolve("cache"));
    ctx.awaitAll(log, fx.names(), "ready");
    long readyAt = BenchContext.lastReached(log, "ready");
    long syncedAt = BenchContext.lastReached(log, "synced");
    ResourceSampler.Usage usage = sampler.stop();
    Map<String, Double> engineClusterCpu = ClusterProcesses.cpuSeconds(clusterBefore, cluster.cpuTicks(), usage.cpuNanos());
    long liveHeap = ResourceSampler.heapAfterGc();
    RequestCounter.Snapshot engineRequests = engine.requests().snapshot();
    engine.close();
    double engineSeconds = Text.seconds(readyAt - t0);
    ctx.progress.say(String.format(java.util.Locale.ROOT, "engine: %d objects Synced and Healthy in %.1fs", objects, engineSeconds));

    // the ceiling: the same bodies, applied by a bare loop in a fresh namespace
    ApiDiscovery discovery = new ApiDiscovery(ctx.admin);
    List<List<Manifest>> bodies = new ArrayList<>();
    for (String name : fx.names()) {
      bodies.add(BareApplyLoop.prepare(discovery, plain(name), name, new AppRef(baseNs, name), baseNs));
    }
    ctx.progress.say("baseline: server-side-applying " + objects + " objects in " + baseNs + " with "
        + EngineUnderTest.CONCURRENCY + " threads");
    var deployments = ctx.watchDeployments(baseNs);
    Map<String, Long> baseClusterBefore = cluster.cpuTicks();
    ResourceSampler baseSampler = ResourceSampler.start();
    long b0 = System.nanoTime();
    BareApplyLoop.Result baseline = BareApplyLoop.run(ctx, bodies, EngineUnderTest.CONCURRENCY);
    ResourceSampler.Usage baseUsage = baseSampler.stop();
    Map<String, Double> baseClusterCpu = ClusterProcesses.cpuSeconds(baseClusterBefore, cluster.cpuTicks(), baseUsage.cpuNanos());
    // what health adds to the ceiling: the cluster's Deployment controller has to observe every Deployment
    awaitObserved(ctx, deployments, fx.names().size());
    double baselineHealthySeconds = Text.seconds(
        deployments.reached("observed").values().stream().mapToLong(Long::longValue).max().orElse(b0) - b0);
    double baselineSeconds = Text.seconds(baseline.nanos());
    ctx.progress.say(String.format(java.util.Locale.ROOT, "baseline: %d objects applied in %.1fs", objects, baselineSeconds));

    // the engine's own design without the engine: validate (dry-run) every object of an app, then apply
    String validNs = ctx.namespace("valid");
    List<List<Manifest>> validBodies = new ArrayList<>();
    for (String name : fx.names()) {
      validBodies.add(BareApplyLoop.prepare(discovery, plain(name), name, new AppRef(validNs, name), validNs));
    }
    ctx.progress.say("validated baseline: dry-run then apply of " + objects + " objects in " + validNs);
    BareApplyLoop.Result validated = BareApplyLoop.run(ctx, validBodies, EngineUnderTest.CONCURRENCY, true);
    double validatedSeconds = Text.seconds(validated.nanos());

    double engineRate = objects / engineSeconds;
    double baselineRate = objects / baselineSeconds;
    result.put("objects", objects);
    result.put("warmup_seconds", Text.round(warmupSeconds, 2));
    result.put("concurrency", EngineUnderTest.CONCURRENCY);
    result.put("concurrency_source", EngineUnderTest.CONCURRENCY_SOURCE);
    result.put("order", "engine first, then baseline");
    result.put("create_apps_seconds", Text.round(createSeconds, 2));
    result.put("engine_seconds", Text.round(engineSeconds, 2));
    result.put("engine_synced_seconds", Text.round(Text.seconds(syncedAt - t0), 2));
    result.put("engine_objects_per_s", Text.round(engineRate, 2));
    result.put("engine_requests", engineRequests.total());
    result.put("engine_writes", engineRequests.writes());
    result.put("engine_dry_runs", engineRequests.dryRuns());
    result.put("engine_requests_per_object", Text.round((double) engineRequests.total() / objects, 2));
    result.put("engine_requests_by_kind", engineRequests.byKind());
    result.put("engine_cpu_seconds", Text.round(Text.seconds(usage.cpuNanos()), 2));
    result.put("engine_cluster_cpu_seconds", engineClusterCpu);
    result.put("engine_reconciles_in_flight_peak", usage.threadsPeak());
    result.put("baseline_seconds", Text.round(baselineSeconds, 2));
    result.put("baseline_objects_per_s", Text.round(baselineRate, 2));
    result.put("baseline_requests", baseline.requests().total());
    result.put("baseline_cpu_seconds", Text.round(Text.seconds(baseUsage.cpuNanos()), 2));
    result.put("baseline_cluster_cpu_seconds", baseClusterCpu);
    result.put("baseline_validated_seconds", Text.round(validatedSeconds, 2));
    result.put("baseline_validated_objects_per_s", Text.round(objects / validatedSeconds, 2));
    result.put("ratio", Text.round(engineRate / baselineRate, 3));
    // the same comparison split in two: applied (Synced) only, and with Deployments observed (Healthy) on both sides
    double engineSyncedSeconds = Text.seconds(syncedAt - t0);
    result.put("engine_synced_objects_per_s", Text.round(objects / engineSyncedSeconds, 2));
    result.put("synced_ratio", Text.round((objects / engineSyncedSeconds) / baselineRate, 3));
    result.put("baseline_healthy_seconds", Text.round(baselineHealthySeconds, 2));
    result.put("healthy_ratio", Text.round(baselineHealthySeconds / engineSeconds, 3));
    result.put("heap_peak_mib", Text.mib(usage.heapPeakBytes()));
    result.put("heap_after_gc_mib", Text.mib(liveHeap));
    result.put("rss_peak_mib", Text.mib(usage.rssPeakBytes()));
    result.put("rss_source", usage.rssSource());
    result.put("service", "headless (clusterIP: None)");
  }
}
