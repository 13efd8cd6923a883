package dev.keelson.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Git fetches per repository per interval when many apps share one repository. */
@Command(name = "git", mixinStandardHelpOptions = true,
    description = {
      "N converged Applications on one Git repository; over K intervals, the fetches of that repository"
          + " (the engine's Git cache counts them), per interval.",
      "Result: one JSON object on the last line of stdout."})
public final class GitBench extends ScenarioCommand {
  @Option(names = "--apps", defaultValue = "50", description = "Number of Applications (default: ${DEFAULT-VALUE}).")
  int apps;

  @Option(names = "--intervals", defaultValue = "5", description = "Intervals measured (default: ${DEFAULT-VALUE}).")
  int intervals;

  @Option(names = "--interval", defaultValue = "5s", description = "The apps' spec.interval (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--objects-per-app", defaultValue = "4", description = "Objects per app, at least 4 (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  @Override
  String name() {
    return "git";
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
    return p;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    AppShape shape = new AppShape(objectsPerApp);
    Duration every = Scenarios.parseInterval("--interval", interval);
    Scenarios.Converged c = Scenarios.converge(ctx, "git", shape, apps, interval, "", i -> true, false);
    // one interval to let the fetch schedule settle after the initial burst of reconciles
    Scenarios.waitFor(ctx, every, "settling");
    String url = c.fixture().repo().url();
    long before = c.engine().controller().gitCache().fetchCount(url);
    ctx.progress.say("counting fetches over " + intervals + " intervals of " + interval);
    long t0 = System.nanoTime();
    Scenarios.waitFor(ctx, every.multipliedBy(intervals), "counting fetches");
    long fetches = c.engine().controller().gitCache().fetchCount(url) - before;
    result.put("repositories", 1);
    result.put("window_seconds", Text.round(Text.seconds(System.nanoTime() - t0), 2));
    result.put("fetches", fetches);
    result.put("fetches_per_interval", Text.round((double) fetches / intervals, 2));
  }
}
