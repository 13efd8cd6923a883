package dev.keelson.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Commit to applied: one app tracking a branch; commits that change a ConfigMap value, each at a
 * random point of the interval; the time from the commit to the new value in the cluster.
 */
@Command(name = "commit", mixinStandardHelpOptions = true,
    description = {
      "One Application tracking a branch; commits that change a ConfigMap value, each at a random point of the"
          + " interval: time from the commit to the new value live. Webhook receivers do not exist yet, so the"
          + " webhook figures are null.",
      "Result: one JSON object on the last line of stdout."})
public final class CommitBench extends ScenarioCommand {
  @Option(names = "--samples", defaultValue = "10", description = "Commits measured (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--interval", defaultValue = "10s", description = "The app's spec.interval (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--objects-per-app", defaultValue = "4", description = "Objects of the app, at least 4 (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  @Option(names = "--seed", description = "Seed of the random commit times (default: random).")
  Long seed;

  @Override
  String name() {
    return "commit";
  }

  @Override
  Map<String, Object> parameters() {
    if (samples < 1) throw new IllegalArgumentException("--samples must be at least 1");
    new AppShape(objectsPerApp);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("apps", 1);
    p.put("objects_per_app", objectsPerApp);
    p.put("samples", samples);
    p.put("interval_seconds", Scenarios.intervalSeconds(interval));
    p.put("revision", BenchRepo.BRANCH);
    return p;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    Duration every = Scenarios.parseInterval("--interval", interval);
    Scenarios.Converged c = Scenarios.converge(ctx, "commit", new AppShape(objectsPerApp), 1, interval,
        BenchRepo.BRANCH, i -> true, true);
    var cms = ctx.watchConfigMaps(c.ns());
    String app = c.fixture().names().get(0);
    String cm = AppShape.sampleConfigMap(app);
    String file = BenchRepo.appPath(app) + "/configmap-1.yaml";
    Random random = seed == null ? new Random() : new Random(seed);
    Duration limit = every.multipliedBy(3).plusSeconds(30);

    List<Double> applied = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      // commits land at a uniformly random point of the engine's fetch cycle
      Scenarios.waitFor(ctx, Duration.ofMillis((long) (random.nextDouble() * every.toMillis())),
          "sample " + (s + 1) + "/" + samples + ": waiting to commit");
      String value = "commit-" + s;
      c.fixture().repo().write(file, AppShape.configMap(cm, value));
      long t0 = System.nanoTime();
      c.fixture().repo().commit("change " + cm + " to " + value);
      long live = cms.awaitFirstSince(cm, t0, -1, value::equals, ctx.deadline, limit,
          "value " + value + " of " + cm + " live after its commit");
      applied.add((live - t0) / 1e6);
      ctx.progress.say(String.format(java.util.Locale.ROOT, "sample %d/%d: applied %.0f ms after the commit",
          s + 1, samples, applied.get(applied.size() - 1)));
    }
    Scenarios.putPercentiles(result, "applied", applied);
    result.put("webhook_applied_p50_ms", null);
    result.put("webhook_applied_p99_ms", null);
    result.put("webhook", "no receiver yet");
  }
}
