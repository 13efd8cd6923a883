package dev.keelson.controller.operation;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.AppEngine;
import dev.keelson.controller.engine.DesiredState;
import dev.keelson.controller.engine.DesiredStateBuilder;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.sync.GeneratedName;
import dev.keelson.core.sync.HookDeletePolicy;
import dev.keelson.core.sync.SyncAnnotations;
import dev.keelson.core.sync.SyncHints;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.ResourceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * `keelson app test`: runs a chart's test hooks ({@code helm.sh/hook: test}) against the app's
 * live release, as {@code helm test} does, and reports each one. A sync never runs them. Each
 * test runs afresh (an earlier instance is deleted first) and is deleted afterwards only when
 * its delete policy says so, so a failed test's pod stays for its logs.
 */
public final class ChartTests {
  private final DesiredStateBuilder desired;
  private final HookRunner hooks;
  private final Clock clock;

  public ChartTests(DesiredStateBuilder desired, ResourceClient resources, Clock clock) {
    this.desired = desired;
    this.hooks = new HookRunner(resources);
    this.clock = clock;
  }

  /** One test's outcome. */
  public record Result(String name, boolean succeeded, String message) {}

  /**
   * @param report called with each test's result as it finishes
   * @return the results, in the chart's order; empty when the chart has no tests
   * @throws ReconcileFailure when the chart cannot be rendered
   */
  public List<Result> run(AppSettings app, ApplicationStatus status, HealthAssessor health, Duration timeout,
      Consumer<Result> report) throws ReconcileFailure, KubeException, InterruptedException {
    DesiredState state = desired.build(app.withHelmTests().asHelmUpgrade(AppEngine.installed(status)), true);
    String run = "test-" + clock.instant().toEpochMilli();
    List<Manifest> tests = new ArrayList<>();
    for (Manifest m : state.objects()) {
      if (SyncAnnotations.isHelmTest(m.body())) tests.add(GeneratedName.instance(m, app.ref(), run));
    }
    List<Result> results = new ArrayList<>();
    for (Manifest test : tests) {
      Result r = runOne(test, run, health, timeout);
      results.add(r);
      report.accept(r);
    }
    return results;
  }

  private Result runOne(Manifest test, String run, HealthAssessor health, Duration timeout)
      throws KubeException, InterruptedException {
    String name = test.kind() + "/" + test.key().name();
    Instant deadline = clock.instant().plus(timeout);
    while (hooks.start(test, run) == HookRunner.Start.CLEARING) {
      if (clock.instant().isAfter(deadline)) return new Result(name, false, "an earlier run could not be removed");
      Thread.sleep(POLL.toMillis());
    }
    HookRunner.State state = hooks.state(test, run, health);
    while (state.completion() == HookRunner.Completion.RUNNING) {
      if (clock.instant().isAfter(deadline)) {
        return new Result(name, false, "did not finish within " + timeout.toSeconds() + "s (" + state.message() + ")");
      }
      Thread.sleep(POLL.toMillis());
      state = hooks.state(test, run, health);
    }
    boolean ok = state.completion() == HookRunner.Completion.SUCCEEDED;
    SyncHints hints = SyncAnnotations.parse(test.body());
    // helm test keeps test pods unless a policy says otherwise
    Set<HookDeletePolicy> policies = hints.deletePolicies();
    hooks.cleanUp(test, policies, ok);
    return new Result(name, ok, ok ? "succeeded" : state.message());
  }

  /** How often a running test is looked at: a command waiting for a user, not a reconcile. */
  private static final Duration POLL = Duration.ofMillis(500);
}
