package dev.keelson.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Git fetches per repository per interval when many apps share one repository. */
@Command(name = "git", mixinStandardHelpOptions = true,
    description = {
      "N converged Applications on one Git repository; over K intervals, the fetches of that repository"
          + " (the engine's Git cache counts them), per interval.",
      "Result: one JSON object on the last line of stdout."})
public final class GitBench extends ScenarioCommand {
  @Mixin FleetOptions fleet;

  @Override
  String name() {
    return "git";
  }

  @Override
  Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>(fleet.parameters());
    return p;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    AppShape shape = new AppShape(fleet.objectsPerApp);
    Duration every = Scenarios.parseInterval("--interval", fleet.interval);
    Scenarios.Converged c = Scenarios.converge(ctx, "git", shape, fleet.apps, fleet.interval, "", i -> true, false);
    // one interval to let the fetch schedule settle after the initial burst of reconciles
    Scenarios.waitFor(ctx, every, "settling");
    String url = c.fixture().repo().url();
    long before = c.engine().controller().gitCache().fetchCount(url);
    ctx.progress.say("counting fetches over " + fleet.intervals + " intervals of " + fleet.interval);
    long t0 = System.nanoTime();
    Scenarios.waitFor(ctx, every.multipliedBy(fleet.intervals), "counting fetches");
    long fetches = c.engine().controller().gitCache().fetchCount(url) - before;
    result.put("repositories", 1);
    result.put("window_seconds", Text.round(Text.seconds(System.nanoTime() - t0), 2));
    result.put("fetches", fetches);
    result.put("fetches_per_interval", Text.round((double) fetches / fleet.intervals, 2));
  }
}
