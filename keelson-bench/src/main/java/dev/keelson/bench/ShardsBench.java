package dev.keelson.bench;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.shard.ShardOptions;
import dev.keelson.core.shard.ShardRing;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cold start on one replica and on several sharded ones, then one of those killed: how throughput
 * scales, what memory the apps take, and how long the dead replica's apps wait for the others.
 */
@Command(name = "shards", mixinStandardHelpOptions = true,
    description = {
      "N Applications from an empty namespace to all Synced and Healthy on one controller, then N more on R sharded"
          + " replicas (Leases, in this process, each with its own client and Git cache); then one replica is stopped"
          + " without leaving (its Lease stays, as a killed pod's) and a ConfigMap of each app it held is"
          + " deleted: the time until the others hold its apps and every deleted ConfigMap is back.",
      "Result: one JSON object on the last line of stdout."})
public final class ShardsBench extends ScenarioCommand {
  private static final int WARMUP = 100;

  @Option(names = "--apps", defaultValue = "300", description = "Applications per phase (default: ${DEFAULT-VALUE}).")
  int apps;

  @Option(names = "--replicas", defaultValue = "3", description = "Sharded replicas, at least 2 (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--objects-per-app", defaultValue = "4", description = "Objects per app, at least 4 (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "15s",
      description = "The replicas' lease duration, renewed every fifth of it (default: ${DEFAULT-VALUE}, the controller's).")
  String lease;

  @Option(names = "--warmup", paramLabel = "APPS", description = "Apps first run through one engine, unmeasured (default: min(apps, 100)).")
  Integer warmup;

  @Override
  String name() {
    return "shards";
  }

  @Override
  Map<String, Object> parameters() {
    if (apps < 1) throw new IllegalArgumentException("--apps must be at least 1");
    if (replicas < 2) throw new IllegalArgumentException("--replicas must be at least 2");
    if (warmup != null && warmup < 0) throw new IllegalArgumentException("--warmup must not be negative");
    new AppShape(objectsPerApp);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("apps", apps);
    p.put("replicas", replicas);
    p.put("objects_per_app", objectsPerApp);
    p.put("lease_seconds", Text.round(leaseDuration().toMillis() / 1000.0, 3));
    p.put("warmup_apps", warmupApps());
    return p;
  }

  private Duration leaseDuration() {
    return Scenarios.parseInterval("--lease", lease);
  }

  private int warmupApps() {
    return Math.min(apps, warmup == null ? WARMUP : warmup);
  }

  /** One phase's figures: seconds to all Synced and Healthy, and the heap left after a full GC. */
  private record Phase(double seconds, long liveHeapBytes, long requests) {}

  private double takeoverSeconds;
  private double healSeconds;

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    AppShape shape = new AppShape(objectsPerApp);
    ctx.installCrd();
    Path work = ctx.tempDir("keelson-bench-shards-");
    // one repository for every phase: each phase's apps read the same paths
    Scenarios.Fixture fx = Scenarios.repoWithApps(ctx, work, shape, apps);
    String controllerNs = ctx.namespace("shards-ctl");
    if (warmupApps() > 0) {
      ctx.progress.say("warm-up: " + warmupApps() + " apps through one engine (not measured)");
      String ns = ctx.namespace("warm");
      List<String> names = fx.names().subList(0, warmupApps());
      var log = ctx.watchApps(ns, fx.sha(), false);
      try (EngineUnderTest engine = EngineUnderTest.start(ctx.config, Set.of(ns), work.resolve("warm-cache"))) {
        ctx.createApps(yamls(fx, names, ns));
        ctx.awaitAll(log, names, "ready");
      } finally {
        log.close();
      }
      ctx.deleteNamespacesNow(List.of(ns));
    }

    // one replica
    String oneNs = ctx.namespace("one");
    Phase one;
    {
      var log = ctx.watchApps(oneNs, fx.sha(), false);
      ctx.progress.say("one replica: creating " + apps + " Applications in " + oneNs);
      ctx.createApps(yamls(fx, fx.names(), oneNs));
      ResourceSampler.heapAfterGc();
      long t0 = System.nanoTime();
      EngineUnderTest engine = ctx.startEngine(Set.of(oneNs), work.resolve("one-cache"));
      ctx.awaitAll(log, fx.names(), "ready");
      double seconds = Text.seconds(BenchContext.lastReached(log, "ready") - t0);
      one = new Phase(seconds, ResourceSampler.heapAfterGc(), engine.requests().snapshot().total());
      engine.close();
      log.close();
      ctx.progress.say(String.format(java.util.Locale.ROOT, "one replica: %d apps Synced and Healthy in %.1fs", apps, seconds));
    }

    // R sharded replicas
    String shNs = ctx.namespace("sharded");
    var log = ctx.watchApps(shNs, fx.sha(), false);
    ctx.progress.say(replicas + " replicas: creating " + apps + " Applications in " + shNs);
    ctx.createApps(yamls(fx, fx.names(), shNs));
    Duration leaseFor = leaseDuration();
    ResourceSampler.heapAfterGc();
    long t0 = System.nanoTime();
    Map<String, EngineUnderTest> engines = new LinkedHashMap<>();
    for (int i = 1; i <= replicas; i++) {
      String id = "bench-r" + i;
      engines.put(id, ctx.startEngine(Set.of(shNs), work.resolve("cache-" + id), controllerNs,
          ShardOptions.leases(id).withTiming(leaseFor, leaseFor.dividedBy(5))));
    }
    ctx.awaitAll(log, fx.names(), "ready");
    double shardedSeconds = Text.seconds(BenchContext.lastReached(log, "ready") - t0);
    long shardedHeap = ResourceSampler.heapAfterGc();
    long shardedRequests = engines.values().stream().mapToLong(e -> e.requests().snapshot().total()).sum();
    // the first replica started may have synced apps before it saw the others: wait for those
    // handovers to end (every app held where the ring places it) before one replica is stopped
    Map<String, String> placed = new ShardRing(engines.keySet(), ShardRing.DEFAULT_LOAD_FACTOR)
        .assign(fx.names().stream().map(n -> shNs + "/" + n).toList());
    while (true) {
      Map<String, String> now = holderOfEach(ctx, shNs);
      long settled = now.entrySet().stream().filter(e -> e.getValue().equals(placed.get(shNs + "/" + e.getKey()))).count();
      if (settled == apps) break;
      ctx.deadline.pause(Duration.ofMillis(250), "waiting for every app to be held where the ring places it ("
          + settled + "/" + apps + ")");
    }
    Map<String, Long> held = holders(ctx, shNs);
    ctx.progress.say(String.format(java.util.Locale.ROOT, "%d replicas: %d apps Synced and Healthy in %.1fs, held %s",
        replicas, apps, shardedSeconds, held));

    // one replica dies: its apps' drift waits for the others, seen through watches (polling lists
    // of every app would load the API server the replicas are measured on)
    String victim = held.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
    List<String> victimApps = appsHeldBy(ctx, shNs, victim);
    Map<String, String> holderNow = new ConcurrentHashMap<>();
    Set<String> configMapsBack = ConcurrentHashMap.newKeySet();
    // watched from now on: the events of objects that exist already would say nothing of the heal
    ListOptions fromNow = new ListOptionsBuilder()
        .withResourceVersion(ctx.admin.configMaps().inNamespace(shNs).list().getMetadata().getResourceVersion()).build();
    Watch appWatch = ctx.admin.resources(Application.class).inNamespace(shNs).watch(fromNow, new Watcher<>() {
      @Override
      public void eventReceived(Action action, Application a) {
        if (a.getStatus() != null) holderNow.put(a.getMetadata().getName(), String.valueOf(a.getStatus().controller));
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
    Watch cmWatch = ctx.admin.configMaps().inNamespace(shNs).watch(fromNow, new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap cm) {
        if (action == Action.ADDED) configMapsBack.add(cm.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
    try {
      for (String app : victimApps) holderNow.put(app, victim);
      ctx.progress.say("stopping " + victim + " without leaving, then deleting a ConfigMap of each of its "
          + victimApps.size() + " apps");
      long killed = System.nanoTime();
      engines.get(victim).controller().halt();
      for (String app : victimApps) {
        ctx.admin.configMaps().inNamespace(shNs).withName(AppShape.sampleConfigMap(app)).delete();
      }
      Long takenAt = null;
      Long healedAt = null;
      while (takenAt == null || healedAt == null) {
        long now = System.nanoTime();
        long stillHeld = victimApps.stream().filter(a -> victim.equals(holderNow.get(a)) || "null".equals(holderNow.get(a))).count();
        long missing = victimApps.stream().filter(a -> !configMapsBack.contains(AppShape.sampleConfigMap(a))).count();
        if (takenAt == null && stillHeld == 0) takenAt = now;
        if (healedAt == null && missing == 0) healedAt = now;
        ctx.progress.every(() -> "after " + victim + " stopped: " + (victimApps.size() - stillHeld) + "/" + victimApps.size()
            + " of its apps taken, " + (victimApps.size() - missing) + "/" + victimApps.size() + " ConfigMaps back");
        ctx.deadline.pause(Duration.ofMillis(20), "waiting for the other replicas to take and heal " + victim + "'s apps ("
            + stillHeld + " not taken, " + missing + " ConfigMaps missing)");
      }
      takeoverSeconds = Text.seconds(takenAt - killed);
      healSeconds = Text.seconds(healedAt - killed);
    } finally {
      appWatch.close();
      cmWatch.close();
    }
    log.close();

    int objects = apps * objectsPerApp;
    double oneRate = objects / one.seconds();
    double shardedRate = objects / shardedSeconds;
    result.put("objects", objects);
    result.put("one_seconds", Text.round(one.seconds(), 2));
    result.put("one_objects_per_s", Text.round(oneRate, 2));
    result.put("one_requests_per_object", Text.round((double) one.requests() / objects, 2));
    result.put("one_heap_after_gc_mib", Text.mib(one.liveHeapBytes()));
    result.put("one_heap_per_1000_apps_mib", Text.round(mibPer1000(one.liveHeapBytes()), 1));
    result.put("sharded_seconds", Text.round(shardedSeconds, 2));
    result.put("sharded_objects_per_s", Text.round(shardedRate, 2));
    result.put("sharded_requests_per_object", Text.round((double) shardedRequests / objects, 2));
    result.put("sharded_heap_after_gc_mib", Text.mib(shardedHeap));
    result.put("sharded_heap_per_1000_apps_mib", Text.round(mibPer1000(shardedHeap), 1));
    result.put("throughput_ratio", Text.round(shardedRate / oneRate, 3));
    result.put("apps_held", new TreeMap<>(held));
    result.put("killed_replica_apps", victimApps.size());
    result.put("takeover_seconds", Text.round(takeoverSeconds, 2));
    result.put("heal_seconds", Text.round(healSeconds, 2));
    result.put("heap_note", "all replicas share this JVM: heap is theirs together; both phases' engines are stopped"
        + " before the next starts");
  }

  private double mibPer1000(long bytes) {
    return bytes / (1024.0 * 1024.0) * 1000.0 / apps;
  }

  private static List<String> yamls(Scenarios.Fixture fx, List<String> names, String ns) {
    List<String> out = new ArrayList<>();
    for (String n : names) out.add(AppShape.application(n, ns, fx.repo().url(), BenchRepo.appPath(n), "", true, "10m"));
    return out;
  }

  /** Each app's holder, from its status.controller. */
  private static Map<String, String> holderOfEach(BenchContext ctx, String ns) {
    return ctx.admin.resources(Application.class).inNamespace(ns).list().getItems().stream()
        .filter(a -> a.getStatus() != null && a.getStatus().controller != null)
        .collect(Collectors.toMap(a -> a.getMetadata().getName(), a -> a.getStatus().controller));
  }

  /** Apps held, by replica, from each app's status.controller. */
  private static Map<String, Long> holders(BenchContext ctx, String ns) {
    return ctx.admin.resources(Application.class).inNamespace(ns).list().getItems().stream()
        .filter(a -> a.getStatus() != null && a.getStatus().controller != null)
        .collect(Collectors.groupingBy(a -> a.getStatus().controller, Collectors.counting()));
  }

  private static List<String> appsHeldBy(BenchContext ctx, String ns, String replica) {
    return ctx.admin.resources(Application.class).inNamespace(ns).list().getItems().stream()
        .filter(a -> a.getStatus() != null && replica.equals(a.getStatus().controller))
        .map(a -> a.getMetadata().getName()).toList();
  }
}
