package dev.keelson.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What converged apps cost when nothing changes: API requests, writes and CPU per interval. */
@Command(name = "steady-state", mixinStandardHelpOptions = true,
    description = {
      "N converged Applications with a short interval; after a settling period, K intervals with nothing changed:"
          + " API requests of the engine's client (watches counted when opened), writes (non-GET requests) and"
          + " process CPU.",
      "Result: one JSON object on the last line of stdout."})
public final class SteadyStateBench extends ScenarioCommand {
  @Mixin FleetOptions fleet;

  @Option(names = "--settle", paramLabel = "DURATION",
      description = "Wait after convergence before measuring (default: two intervals, at least 10s).")
  String settle;

  @Override
  String name() {
    return "steady-state";
  }

  @Override
  Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>(fleet.parameters());
    p.put("settle_seconds", Text.round(settleDuration().toMillis() / 1000.0, 3));
    return p;
  }

  private Duration settleDuration() {
    if (settle != null) {
      Duration d = Scenarios.parseInterval("--settle", settle);
      return d;
    }
    Duration two = Scenarios.parseInterval("--interval", fleet.interval).multipliedBy(2);
    return two.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : two;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    AppShape shape = new AppShape(fleet.objectsPerApp);
    Duration every = Scenarios.parseInterval("--interval", fleet.interval);
    Scenarios.Converged c = Scenarios.converge(ctx, "steady", shape, fleet.apps, fleet.interval, "", i -> true, false);
    Scenarios.waitFor(ctx, settleDuration(), "settling");

    Duration window = every.multipliedBy(fleet.intervals);
    ctx.progress.say("measuring " + fleet.intervals + " intervals of " + fleet.interval + " with nothing changed");
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

    int objects = fleet.apps * fleet.objectsPerApp;
    result.put("objects", objects);
    result.put("converge_seconds", Text.round(c.convergeSeconds(), 2));
    result.put("window_seconds", Text.round(Text.seconds(usage.wallNanos()), 2));
    result.put("requests", d.total());
    result.put("writes", d.writes());
    result.put("watches_opened", d.watches());
    result.put("requests_by_kind", d.byKind());
    result.put("requests_per_object_per_interval", Text.round((double) d.total() / objects / fleet.intervals, 4));
    result.put("cpu_ms_per_interval", Text.round(usage.cpuNanos() / 1e6 / fleet.intervals, 1));
    Map<String, Double> clusterPerInterval = new java.util.LinkedHashMap<>();
    clusterCpu.forEach((k, v) -> clusterPerInterval.put(k, Text.round(v * 1000 / fleet.intervals, 1)));
    result.put("cluster_cpu_ms_per_interval", clusterPerInterval);
    result.put("fetches_per_interval", Text.round((double) fetches / fleet.intervals, 2));
    result.put("heap_peak_mib", Text.mib(usage.heapPeakBytes()));
    result.put("rss_peak_mib", Text.mib(usage.rssPeakBytes()));
  }
}
