package dev.keelson.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of scenarios that run a converged fleet of apps over K intervals. */
final class FleetOptions {
  @Option(names = "--apps", defaultValue = "50", description = "Number of Applications (default: ${DEFAULT-VALUE}).")
  int apps;

  @Option(names = "--intervals", defaultValue = "5", description = "Intervals measured (default: ${DEFAULT-VALUE}).")
  int intervals;

  @Option(names = "--interval", defaultValue = "5s", description = "The apps' spec.interval (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--objects-per-app", defaultValue = "4", description = "Objects per app, at least 4 (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  /** Validates the options and returns them as result parameters. */
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
}
