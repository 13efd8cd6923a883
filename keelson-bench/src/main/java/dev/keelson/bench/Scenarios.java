package dev.keelson.bench;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.core.time.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Set-up steps shared by the scenarios. */
final class Scenarios {
  private Scenarios() {}

  /** The repository with its apps, committed once. */
  record Fixture(BenchRepo repo, List<String> names, String sha) {}

  /** A converged set of apps under a running engine. */
  record Converged(Fixture fixture, String ns, EngineUnderTest engine, ObjectLog<Application, AppView> apps,
      double convergeSeconds) {}

  static double intervalSeconds(String interval) {
    Duration d = parseInterval("--interval", interval);
    return Text.round(d.toMillis() / 1000.0, 3);
  }

  static Duration parseInterval(String option, String value) {
    Duration d;
    try {
      d = Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
    if (d.isZero() || d.isNegative()) throw new IllegalArgumentException(option + " must be positive");
    if (d.toMillis() < 1000) throw new IllegalArgumentException(option + " must be at least 1s");
    return d;
  }

  /** One repository, one directory per app ({@code apps/app-0001}, ...), one commit. */
  static Fixture repoWithApps(BenchContext ctx, Path work, AppShape shape, int apps) throws Exception {
    ctx.progress.say("writing " + apps + " apps x " + shape.objectsPerApp() + " objects into a Git repository");
    return repoWith(ctx, work, apps, name -> shape.files(name, "initial"));
  }

  /** The same with one chart per app ({@code apps/app-0001/Chart.yaml}, ...). */
  static Fixture repoWithCharts(BenchContext ctx, Path work, HelmAppShape shape, int apps) throws Exception {
    ctx.progress.say("writing " + apps + " Helm charts into a Git repository");
    return repoWith(ctx, work, apps, name -> shape.files(name, "initial"));
  }

  private static Fixture repoWith(BenchContext ctx, Path work, int apps,
      java.util.function.Function<String, Map<String, String>> files) throws Exception {
    BenchRepo repo = BenchRepo.init(work.resolve("repo"));
    ctx.cleanup.add("close the Git repository", repo::close);
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= apps; i++) {
      String name = Text.appName(i);
      names.add(name);
      repo.writeApp(name, files.apply(name));
      ctx.deadline.check("writing the Git repository");
    }
    String sha = repo.commit(apps + " apps");
    return new Fixture(repo, List.copyOf(names), sha);
  }

  /**
   * The usual set-up of the scenarios that measure a running engine: repository, namespace,
   * engine, apps, then a wait until every app is Synced and Healthy.
   *
   * @param selfHeal which apps get selfHeal, by index (0-based)
   */
  static Converged converge(BenchContext ctx, String role, AppShape shape, int apps, String interval,
      String revision, java.util.function.IntPredicate selfHeal, boolean keepHistory) throws Exception {
    ctx.installCrd();
    Path work = ctx.tempDir("keelson-bench-" + role + "-");
    Fixture fx = repoWithApps(ctx, work, shape, apps);
    String ns = ctx.namespace(role);
    var log = ctx.watchApps(ns, fx.sha(), keepHistory);
    EngineUnderTest engine = ctx.startEngine(Set.of(ns), work.resolve("cache"));
    List<String> yamls = new ArrayList<>();
    for (int i = 0; i < fx.names().size(); i++) {
      String n = fx.names().get(i);
      yamls.add(AppShape.application(n, ns, fx.repo().url(), BenchRepo.appPath(n), revision, selfHeal.test(i), interval));
    }
    ctx.progress.say("creating " + apps + " Applications in " + ns + " (interval " + interval + ")");
    long t0 = System.nanoTime();
    ctx.createApps(yamls);
    ctx.awaitAll(log, fx.names(), "ready");
    double seconds = Text.seconds(BenchContext.lastReached(log, "ready") - t0);
    ctx.progress.say(String.format(java.util.Locale.ROOT, "%d apps Synced and Healthy after %.1fs", apps, seconds));
    return new Converged(fx, ns, engine, log, seconds);
  }

  /** Waits {@code d}, saying how much is left now and then. */
  static void waitFor(BenchContext ctx, Duration d, String what) {
    long end = System.nanoTime() + d.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) return;
      ctx.progress.every(() -> what + ": " + Text.duration(Duration.ofNanos(Math.max(0, end - System.nanoTime()))) + " left");
      ctx.deadline.pause(Duration.ofMillis(Math.min(200, Math.max(1, left / 1_000_000))), what);
    }
  }

  /** Samples as a JSON-friendly list. */
  static List<Double> rounded(List<Double> samples) {
    return samples.stream().map(v -> Text.round(v, 1)).toList();
  }

  static void putPercentiles(Map<String, Object> result, String prefix, List<Double> samples) {
    result.put(prefix + "_p50_ms", Text.round(Percentiles.nearestRank(samples, 50), 1));
    result.put(prefix + "_p99_ms", Text.round(Percentiles.nearestRank(samples, 99), 1));
    result.put(prefix + "_max_ms", Text.round(Percentiles.nearestRank(samples, 100), 1));
    result.put(prefix + "_samples_ms", rounded(samples));
  }
}
