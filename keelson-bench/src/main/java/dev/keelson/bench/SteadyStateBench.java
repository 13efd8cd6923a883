package dev.keelson.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What converged apps cost when nothing changes: API requests, writes and CPU per interval. */
@Command(name = "steady-state", mixinStandardHelpOptions = true,
    description = {
      "N converged Applications with a short interval; after a settling period, K intervals with nothing changed:"
          + " API requests of the engine's client (watches counted when opened), writes (non-GET requests) and"
          + " process CPU.",
      "Result: one JSON object on the last line of stdout."})
public final class SteadyStateBench extends ScenarioCommand {
  @Option(names = "--apps", defaultValue = "50", description = "Number of Applications (default: ${DEFAULT-VALUE}).")
  int apps;

  @Option(names = "--intervals", defaultValue = "5", description = "Intervals measured (default: ${DEFAULT-VALUE}).")
  int intervals;

  @Option(names = "--interval", defaultValue = "5s", description = "The apps' spec.interval (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--objects-per-app", defaultValue = "4", description = "Objects per app, at least 4 (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  @Option(names = "--settle", paramLabel = "DURATION",
      description = "Wait after convergence before measuring (default: two intervals, at least 10s).")
  String settle;

  @Override
  String name() {
    return "steady-state";
  }

  @Override
  Map<String, Object> parameters() {
    if (apps < 1) throw new IllegalArgumentException("--apps must be at least 1");
    if (intervals < 1) throw new IllegalArgumentException("--intervals must be at least 1");
    new AppShape(objectsPerApp);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("apps", apps);
    p.put("objects_per_app", objectsPerApp);
    p.put("intervals", intervals);
    p.put("interval_seconds", Scenarios.intervalSeconds(interval));
    p.put("settle_seconds", Text.round(settleDuration().toMillis() / 1000.0, 3));
    return p;
  }

  private Duration settleDuration() {
    if (settle != null) {
      Duration d = Scenarios.parseInterval("--settle", settle);
      return d;
    }
    Duration two = Scenarios.parseInterval("--interval", interval).multipliedBy(2);
    return two.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : two;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    AppShape shape = new AppShape(objectsPerApp);
    Duration every = Scenarios.parseInterval("--interval", interval);
    Scenarios.Converged c = Scenarios.converge(ctx, "steady", shape, apps, interval, "", i -> true, false);
    Scenarios.waitFor(ctx, settleDuration(), "settling");

    Duration window = every.multipliedBy(intervals);
    ctx.progress.say("measuring " + intervals + " intervals of " + interval + " with nothing changed");
    RequestCounter.Snapshot before = c.engine().requests().snapshot();
    long fetchesBefore = c.engine().controller().gitCache().fetchCount(c.fixture().repo().url());
    ClusterProcesses cluster = ClusterProcesses.find(ctx.config.getMasterUrl());
    Map<String, Long> clusterBefore = cluster.cpuTicks();
    ResourceSampler sampler = ResourceSampler.start();
    Scenarios.waitFor(ctx, window, "steady state");
    ResourceSampler.Usage usage = sampler.stop();
    Map<String, Double> clusterCpu = ClusterProcesses.cpuSeconds(clusterBefore, cluster.cpuTicks(), usage.cpuNanos());
    RequestCounter.Snapshot d = c.engine().requests().snapshot().minus(before);
    long fetches = c.engine().controller().gitCache().fetchCount(c.fixture().repo().url()) - fetchesBefore;

    int objects = apps * objectsPerApp;
    result.put("objects", objects);
    result.put("converge_seconds", Text.round(c.convergeSeconds(), 2));
    result.put("window_seconds", Text.round(Text.seconds(usage.wallNanos()), 2));
    result.put("requests", d.total());
    result.put("writes", d.writes());
    result.put("watches_opened", d.watches());
    result.put("requests_by_kind", d.byKind());
    result.put("requests_per_object_per_interval", Text.round((double) d.total() / objects / intervals, 4));
    result.put("cpu_ms_per_interval", Text.round(usage.cpuNanos() / 1e6 / intervals, 1));
    Map<String, Double> clusterPerInterval = new java.util.LinkedHashMap<>();
    clusterCpu.forEach((k, v) -> clusterPerInterval.put(k, Text.round(v * 1000 / intervals, 1)));
    result.put("cluster_cpu_ms_per_interval", clusterPerInterval);
    result.put("fetches_per_interval", Text.round((double) fetches / intervals, 2));
    result.put("heap_peak_mib", Text.mib(usage.heapPeakBytes()));
    result.put("rss_peak_mib", Text.mib(usage.rssPeakBytes()));
  }
}
