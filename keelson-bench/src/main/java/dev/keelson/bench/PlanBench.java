package dev.keelson.bench;

import dev.keelson.controller.plan.PlanRequest;
import dev.keelson.controller.plan.Planner;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.core.plan.report.AppPlan;
import dev.keelson.core.plan.report.ChangePlan;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `keelson plan --all` over a converged fleet: N apps synced by the engine, which is then
 * stopped; one commit changes a ConfigMap of the first {@code --changed} apps; the plan of that
 * commit, timed and its API requests counted: a first run (as one CLI run in CI), a second one in
 * the same process, and the plan of the touched apps only (the default selection, as a pull
 * request's job runs it).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {
      "N converged Applications, the engine stopped, one commit changing a ConfigMap of --changed of them:"
          + " `keelson plan --all` of that commit, its wall time and API requests (a first run, then a second in the same process).",
      "Result: one JSON object on the last line of stdout."})
public final class PlanBench extends ScenarioCommand {
  @Option(names = "--apps", defaultValue = "200", description = "Number of Applications (default: ${DEFAULT-VALUE}).")
  int apps;

  @Option(names = "--changed", description = "Apps the commit changes (default: all).")
  Integer changed;

  @Option(names = "--objects-per-app", defaultValue = "4", description = "Objects per app, at least 4 (default: ${DEFAULT-VALUE}).")
  int objectsPerApp;

  @Override
  String name() {
    return "plan";
  }

  private int changedApps() {
    return changed == null ? apps : changed;
  }

  @Override
  Map<String, Object> parameters() {
    if (apps < 1) throw new IllegalArgumentException("--apps must be at least 1");
    if (changedApps() < 0 || changedApps() > apps) throw new IllegalArgumentException("--changed must be 0.." + apps);
    new AppShape(objectsPerApp);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("apps", apps);
    p.put("changed_apps", changedApps());
    p.put("objects_per_app", objectsPerApp);
    p.put("selection", "--all");
    return p;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    AppShape shape = new AppShape(objectsPerApp);
    Scenarios.Converged c = Scenarios.converge(ctx, "plan", shape, apps, "10m", BenchRepo.BRANCH, i -> false, false);
    // the plan alone is measured: nothing else reads or writes meanwhile
    c.engine().close();
    for (int i = 0; i < changedApps(); i++) {
      String app = c.fixture().names().get(i);
      c.fixture().repo().write(BenchRepo.appPath(app) + "/configmap-1.yaml",
          AppShape.configMap(AppShape.sampleConfigMap(app), "planned"));
    }
    String sha = c.fixture().repo().commit("change " + changedApps() + " apps");
    var repo = new PlanRequest.Repository.Local(c.fixture().repo().dir());
    PlanRequest all = new PlanRequest(repo, sha, null, new PlanRequest.Selection.All());
    // what a pull request's job runs: only the apps whose files the commit touches
    PlanRequest touched = new PlanRequest(repo, sha, c.fixture().sha(), new PlanRequest.Selection.Touched());
    RequestCounter counter = new RequestCounter();
    try (KubernetesClient client = EngineUnderTest.countingClient(ctx.config, counter)) {
      Map<String, Object> first = measure(ctx, client, counter, all, "first", apps);
      Map<String, Object> second = measure(ctx, client, counter, all, "second", apps);
      Map<String, Object> onlyTouched = measure(ctx, client, counter, touched, "touched", changedApps());
      result.put("objects", apps * objectsPerApp);
      result.put("converge_seconds", Text.round(c.convergeSeconds(), 2));
      result.put("first_run", first);
      result.put("second_run", second);
      result.put("touched_run", onlyTouched);
    }
  }

  /** One plan by a new {@link Planner} (as one CLI run): its time, its requests, its findings. */
  private Map<String, Object> measure(BenchContext ctx, KubernetesClient client, RequestCounter counter,
      PlanRequest request, String label, int expected) throws Exception {
    ctx.progress.say("planning " + apps + " apps (" + label + ")");
    RequestCounter.Snapshot before = counter.snapshot();
    long t0 = System.nanoTime();
    ChangePlan plan;
    try (Planner planner = new Planner(client, ControllerOptions.DEFAULT_NAMESPACE,
        ctx.tempDir("keelson-bench-plan-cache-"), Clock.systemUTC())) {
      plan = planner.plan(request);
    }
    double seconds = Text.seconds(System.nanoTime() - t0);
    RequestCounter.Snapshot d = counter.snapshot().minus(before);
    long withChanges = plan.apps().stream().filter(AppPlan::changed).count();
    long failed = plan.apps().stream().filter(AppPlan::failed).count();
    if (plan.apps().size() != expected || withChanges != changedApps() || failed > 0) {
      throw new IllegalStateException("plan found " + plan.apps().size() + " apps, " + withChanges
          + " with changes, " + failed + " failed; expected " + expected + " and " + changedApps() + " with changes");
    }
    ctx.progress.say(String.format(java.util.Locale.ROOT, "%s: %.2fs, %d requests", label, seconds, d.total()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", Text.round(seconds, 2));
    m.put("apps_planned", plan.apps().size());
    m.put("seconds_per_app", Text.round(seconds / Math.max(1, expected), 4));
    m.put("requests", d.total());
    m.put("requests_per_app", Text.round((double) d.total() / Math.max(1, expected), 2));
    m.put("dry_runs", d.dryRuns());
    m.put("persisted_writes", d.writes() - d.dryRuns());
    m.put("apps_with_changes", withChanges);
    m.put("requests_by_kind", d.byKind());
    return m;
  }
}
