package dev.keelson.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Manual edits of managed ConfigMaps (another client, as {@code kubectl edit} would): on apps
 * without selfHeal, the time until the app reports OutOfSync; on apps with selfHeal, the time
 * until the value is restored in the cluster. The interval is far longer than the run, so the
 * figures are those of the event-driven path.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = {
      "Manual edits of managed ConfigMaps by another client: time from the edit to the app's OutOfSync (apps without"
          + " selfHeal) and to the value restored in the cluster (apps with selfHeal). The interval is far longer than"
          + " the run, so the figures show the event-driven path.",
      "Result: one JSON object on the last line of stdout."})
public final class DriftBench extends ScenarioCommand {
  private static final Duration SAMPLE_LIMIT = Duration.ofSeconds(60);
  private static final String GIT_VALUE = "initial";

  @Option(names = "--apps", defaultValue = "10",
      description = "Number of Applications, at least 2: half without selfHeal (detection), half with (healing) (default: ${DEFAULT-VALUE}).")
  int apps;

  @Option(names = "--samples", defaultValue = "20",
      description = "Edits measured for detection, and as many for healing (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--interval", defaultValue = "10m",
      description = "The apps' spec.interval, much longer than the run (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--objects-per-app", defaultValue = "4", description = "Objects per app, at least 4 (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  @Override
  String name() {
    return "drift";
  }

  @Override
  Map<String, Object> parameters() {
    if (apps < 2) throw new IllegalArgumentException("--apps must be at least 2 (one to detect, one to heal)");
    if (samples < 1) throw new IllegalArgumentException("--samples must be at least 1");
    new AppShape(objectsPerApp);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("apps", apps);
    p.put("objects_per_app", objectsPerApp);
    p.put("samples", samples);
    p.put("interval_seconds", Scenarios.intervalSeconds(interval));
    return p;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    int detectApps = (apps + 1) / 2;
    int healApps = apps - detectApps;
    Scenarios.Converged c = Scenarios.converge(ctx, "drift", new AppShape(objectsPerApp), apps, interval, "",
        i -> i >= detectApps, true);
    var cms = ctx.watchConfigMaps(c.ns());
    // let the reconciles caused by the cluster's own follow-up writes (Deployment status, ServiceAccount token) pass
    Scenarios.waitFor(ctx, Duration.ofSeconds(3), "settling");

    List<Double> detect = new ArrayList<>();
    List<Double> heal = new ArrayList<>();
    List<String> names = c.fixture().names();
    for (int s = 0; s < samples; s++) {
      int sample = s;
      ctx.progress.every(() -> "sample " + (sample + 1) + "/" + samples);

      // detection: an app without selfHeal must turn OutOfSync
      String app = names.get(s % detectApps);
      String cm = AppShape.sampleConfigMap(app);
      long t0 = System.nanoTime();
      edit(ctx, c.ns(), cm, "drift-" + s);
      long seen = c.apps().awaitFirstSince(app, t0, -1, AppView::outOfSync, ctx.deadline, SAMPLE_LIMIT,
          "OutOfSync of " + app + " after an edit of " + cm);
      detect.add((seen - t0) / 1e6);
      long t1 = System.nanoTime();
      edit(ctx, c.ns(), cm, GIT_VALUE);
      c.apps().awaitFirstSince(app, t1, -1, AppView::synced, ctx.deadline, SAMPLE_LIMIT,
          "Synced of " + app + " after the edit was undone");

      // healing: an app with selfHeal must put the value back
      String healed = names.get(detectApps + s % healApps);
      String healedCm = AppShape.sampleConfigMap(healed);
      long h0 = System.nanoTime();
      long editedVersion = edit(ctx, c.ns(), healedCm, "drift-" + s);
      long restored = cms.awaitFirstSince(healedCm, h0, editedVersion, GIT_VALUE::equals, ctx.deadline,
          SAMPLE_LIMIT, "self-heal of " + healedCm);
      heal.add((restored - h0) / 1e6);
      // the heal is followed by the app's status write; let it land before the next sample
      waitQuietly(ctx, c, healed, restored);
    }

    result.put("detect_apps", detectApps);
    result.put("heal_apps", healApps);
    Scenarios.putPercentiles(result, "detect", detect);
    Scenarios.putPercentiles(result, "heal", heal);
  }

  /** Edits the value as another client would; returns the resource version written (-1 if not a number). */
  private static long edit(BenchContext ctx, String ns, String cm, String value) {
    ConfigMap edited = ctx.admin.configMaps().inNamespace(ns).withName(cm).edit(x -> {
      x.getData().put(AppShape.VALUE_KEY, value);
      return x;
    });
    try {
      return Long.parseLong(edited.getMetadata().getResourceVersion());
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static void waitQuietly(BenchContext ctx, Scenarios.Converged c, String app, long since) {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < end) {
      if (c.apps().firstSince(app, since, -1, AppView::synced).isPresent()) return;
      ctx.deadline.pause(Duration.ofMillis(10), "waiting for " + app + " to settle");
    }
  }
}
