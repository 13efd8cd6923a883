package dev.keelson.controller.operation;

import static dev.keelson.controller.fake.Fixtures.APP;
import static dev.keelson.controller.fake.Fixtures.configMap;
import static dev.keelson.controller.fake.Fixtures.crd;
import static dev.keelson.controller.fake.Fixtures.established;
import static dev.keelson.controller.fake.Fixtures.deadlineExceeded;
import static dev.keelson.controller.fake.Fixtures.deployment;
import static dev.keelson.controller.fake.Fixtures.jobCondition;
import static dev.keelson.controller.fake.Fixtures.jobHook;
import static dev.keelson.controller.fake.Fixtures.rolledOut;
import static dev.keelson.controller.fake.Fixtures.wave;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.ApplicationStatus.ResourceResult;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.Comparer;
import dev.keelson.controller.engine.FingerprintStore;
import dev.keelson.controller.engine.Pruner;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.engine.ResourceState;
import dev.keelson.controller.engine.Syncer;
import dev.keelson.controller.fake.FakeCluster;
import dev.keelson.controller.fake.FakeCluster.Verb;
import dev.keelson.controller.fake.Fixtures;
import dev.keelson.controller.fake.TestClock;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.OperationPhase;
import dev.keelson.core.sync.PlanItem;
import dev.keelson.core.sync.SyncAnnotations;
import dev.keelson.core.sync.SyncHints;
import dev.keelson.core.sync.SyncPhase;
import dev.keelson.core.sync.SyncPlan;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The sync state machine on an in-memory cluster: phases and waves in order, hooks started once
 * per operation, SyncFail after a failure, a resumed operation picking up where it was, and
 * termination. Each {@link #advance} is one reconcile: the objects are compared afresh, as the
 * engine does, and the operation's state is all that carries over.
 */
class OperationRunnerTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T12:00:00Z"));

  private FakeCluster cluster;
  private FingerprintStore fingerprints;
  private AppSettings app;
  private final List<Manifest> objects = new ArrayList<>();
  private final List<Manifest> hooks = new ArrayList<>();
  private final List<Pruner.Stale> stale = new ArrayList<>();

  @BeforeEach
  void setUp() {
    cluster = new FakeCluster();
    fingerprints = new FingerprintStore();
    app = Fixtures.settings("");
  }

  @Test
  @DisplayName("PreSync, the Sync waves and PostSync run in order, each awaited before the next")
  void phasesAndWavesInOrder() throws Exception {
    Manifest pre = jobHook("migrate", "PreSync", Map.of());
    Manifest web = deployment("web", wave(0));
    Manifest config = configMap("after-web", wave(1));
    Manifest post = jobHook("smoke", "PostSync", Map.of());
    objects.addAll(List.of(web, config));
    hooks.addAll(List.of(pre, post));
    OperationState op = started();

    advance(op);
    assertAt(op, SyncPhase.PreSync, 0);
    assertThat(cluster.object(pre.key())).isNotNull();
    assertThat(cluster.object(web.key())).as("nothing of Sync before PreSync completed").isNull();

    cluster.setStatus(pre.key(), jobCondition("Complete"));
    advance(op);
    assertAt(op, SyncPhase.Sync, 0);
    assertThat(cluster.object(web.key())).isNotNull();
    assertThat(cluster.object(config.key())).as("wave 1 waits for wave 0 to be healthy").isNull();
    assertThat(op.message).contains("waiting for wave 0").contains(web.key().toString());

    cluster.setStatus(web.key(), rolledOut());
    advance(op);
    assertAt(op, SyncPhase.PostSync, 0);
    assertThat(cluster.object(config.key())).isNotNull();
    assertThat(cluster.object(post.key())).isNotNull();

    cluster.setStatus(post.key(), jobCondition("Complete"));
    advance(op);
    assertThat(op.phase).isEqualTo(OperationPhase.Succeeded.name());
    assertThat(op.finishedAt).isNotNull();
    assertThat(op.message).isEqualTo("successfully synced: 2 object(s), 0 pruned, 2 hook(s) completed");
    assertThat(result(op, pre.key(), SyncPhase.PreSync).status).isEqualTo(OperationPhase.Succeeded.name());
    assertThat(result(op, config.key(), null).message).isEqualTo("created");
  }

  @Test
  @DisplayName("the last wave is not awaited: the operation ends once it is applied")
  void lastWaveNotAwaited() throws Exception {
    Manifest web = deployment("web", Map.of());
    objects.add(web);
    OperationState op = started();

    advance(op);

    assertThat(op.phase).isEqualTo(OperationPhase.Succeeded.name());
    assertThat(cluster.count(Verb.APPLY, web.key())).isEqualTo(1);
  }

  @Test
  @DisplayName("a wave waits for its CRDs by requeueing: the next reconcile goes on once they are Established")
  void crdWaitSpansReconciles() throws Exception {
    Manifest definition = crd("widgets", "example.com");
    Manifest config = configMap("config");
    objects.addAll(List.of(definition, config));
    OperationState op = started();

    advance(op);
    assertAt(op, SyncPhase.Sync, 0);
    assertThat(op.message).isEqualTo("waiting for CRD widgets.example.com to be Established");
    assertThat(cluster.object(config.key())).isNull();

    clock.advance(Duration.ofSeconds(2));
    advance(op);
    assertThat(op.message).isEqualTo("waiting for CRD widgets.example.com to be Established");

    cluster.setStatus(definition.key(), established());
    advance(op);
    assertThat(op.phase).isEqualTo(OperationPhase.Succeeded.name());
    assertThat(cluster.count(Verb.APPLY, definition.key())).isEqualTo(1);
    assertThat(result(op, definition.key(), null).message).as("what the first pass did").isEqualTo("created");
    assertThat(result(op, config.key(), null).message).isEqualTo("created");
  }

  @Test
  @DisplayName("a hook is created once per operation, however many reconciles and restarts see it running")
  void hookStartedOncePerOperation() throws Exception {
    Manifest pre = jobHook("migrate", "PreSync", Map.of());
    hooks.add(pre);
    objects.add(configMap("config"));
    OperationState op = started();

    advance(op);
    advance(op);
    restart();
    advance(op);

    assertThat(op.phase).isEqualTo(OperationPhase.Running.name());
    assertThat(cluster.count(Verb.APPLY, pre.key())).isEqualTo(1);
    assertThat(cluster.object(pre.key())).extracting(o -> annotation(o, HookRunner.OPERATION_ID)).isEqualTo("op-1");
  }

  @Test
  @DisplayName("a new operation deletes the previous operation's instance of a hook before creating its own")
  void previousInstanceDeletedFirst() throws Exception {
    Manifest pre = jobHook("migrate", "PreSync", Map.of());
    hooks.add(pre);
    OperationState first = started();
    advance(first);
    OperationState second = started("op-2");

    advance(second);
    assertThat(cluster.count(Verb.DELETE, pre.key())).isEqualTo(1);
    assertThat(second.message).isEqualTo("deleting the previous instance of hook " + pre.key());

    advance(second);
    assertThat(annotation(cluster.object(pre.key()), HookRunner.OPERATION_ID)).isEqualTo("op-2");
  }

  @Test
  @DisplayName("a failed hook sends the operation to SyncFail; it ends Failed with the hook's failure")
  void failedHookRunsSyncFail() throws Exception {
    Manifest pre = jobHook("migrate", "PreSync", Map.of());
    Manifest onFail = jobHook("page-someone", "SyncFail", Map.of());
    Manifest web = deployment("web", Map.of());
    hooks.addAll(List.of(pre, onFail));
    objects.add(web);
    OperationState op = started();
    advance(op);

    cluster.setStatus(pre.key(), jobCondition("Failed"));
    advance(op);
    assertAt(op, SyncPhase.SyncFail, 0);
    assertThat(cluster.object(onFail.key())).isNotNull();
    assertThat(op.failure).isEqualTo("PreSync hook " + pre.key() + " failed: job Failed");

    cluster.setStatus(onFail.key(), jobCondition("Complete"));
    advance(op);
    assertThat(op.phase).isEqualTo(OperationPhase.Failed.name());
    assertThat(op.message).isEqualTo("PreSync hook " + pre.key() + " failed: job Failed");
    assertThat(cluster.object(web.key())).as("Sync never ran").isNull();
    assertThat(result(op, onFail.key(), SyncPhase.SyncFail).status).isEqualTo(OperationPhase.Succeeded.name());
  }

  @Test
  @DisplayName("a Degraded object fails its wave; the next wave is never applied")
  void degradedObjectFailsTheWave() throws Exception {
    Manifest web = deployment("web", wave(0));
    Manifest later = configMap("later", wave(1));
    objects.addAll(List.of(web, later));
    OperationState op = started();
    advance(op);

    cluster.setStatus(web.key(), deadlineExceeded());
    advance(op);

    assertThat(op.phase).isEqualTo(OperationPhase.Failed.name());
    assertThat(op.message).startsWith(web.key() + " is Degraded");
    assertThat(cluster.object(later.key())).isNull();
  }

  @Test
  @DisplayName("a resumed operation awaits the step it had applied and does not apply it again")
  void resumedOperationDoesNotReapply() throws Exception {
    Manifest web = deployment("web", wave(0));
    Manifest later = configMap("later", wave(1));
    objects.addAll(List.of(web, later));
    OperationState op = started();
    advance(op);
    assertThat(cluster.count(Verb.APPLY, web.key())).isEqualTo(1);

    restart(); // fingerprints are lost with the process; the operation's state is in status
    advance(op);
    assertAt(op, SyncPhase.Sync, 0);
    cluster.setStatus(web.key(), rolledOut());
    advance(op);

    assertThat(op.phase).isEqualTo(OperationPhase.Succeeded.name());
    assertThat(cluster.count(Verb.APPLY, web.key())).isEqualTo(1);
    assertThat(cluster.count(Verb.APPLY, later.key())).isEqualTo(1);
  }

  @Test
  @DisplayName("a terminated operation is not taken further")
  void terminatedOperationStops() throws Exception {
    Manifest web = deployment("web", wave(0));
    Manifest later = configMap("later", wave(1));
    objects.addAll(List.of(web, later));
    OperationState op = started();
    advance(op);

    OperationRunner.end(op, OperationPhase.Terminated, "terminated by alice", "2026-12-01T12:00:01Z");
    cluster.setStatus(web.key(), rolledOut());
    cluster.clearCalls();
    advance(op);

    assertThat(op.phase).isEqualTo(OperationPhase.Terminated.name());
    assertThat(cluster.calls(Verb.APPLY)).isEmpty();
    assertThat(cluster.object(later.key())).isNull();
  }

  @Test
  @DisplayName("a stale object is pruned in its wave; Prune=false keeps it")
  void pruneInItsWave() throws Exception {
    Manifest old = configMap("old");
    Manifest kept = configMap("kept", Map.of("argocd.argoproj.io/sync-options", "Prune=false"));
    cluster.seed(old.key(), old.body());
    cluster.seed(kept.key(), kept.body());
    stale.add(new Pruner.Stale(old.key(), "v1", SyncAnnotations.parse(old.body())));
    stale.add(new Pruner.Stale(kept.key(), "v1", SyncAnnotations.parse(kept.body())));
    objects.add(configMap("new"));
    OperationState op = started();

    advance(op);

    assertThat(op.phase).isEqualTo(OperationPhase.Succeeded.name());
    assertThat(cluster.object(old.key())).isNull();
    assertThat(cluster.object(kept.key())).isNotNull();
    assertThat(result(op, old.key(), null).status).isEqualTo("Pruned");
    assertThat(result(op, kept.key(), null).status).isEqualTo("PruneSkipped");
  }

  @Test
  @DisplayName("a dry run writes nothing and reports what it would do")
  void dryRunWritesNothing() throws Exception {
    Manifest pre = jobHook("migrate", "PreSync", Map.of());
    Manifest web = deployment("web", Map.of());
    hooks.add(pre);
    objects.add(web);
    OperationState op = new OperationState();
    op.id = "op-1";
    op.dryRun = true;
    runner().begin(op, input(op));

    advance(op);

    assertThat(op.phase).isEqualTo(OperationPhase.Succeeded.name());
    assertThat(cluster.calls(Verb.APPLY)).isEmpty();
    assertThat(cluster.count(Verb.DRY_RUN, web.key())).isEqualTo(1);
    assertThat(result(op, web.key(), null).message).isEqualTo("would create (dry run)");
  }

  // ---- one reconcile ----

  private OperationRunner runner;

  private OperationRunner runner() {
    if (runner == null) {
      Syncer syncer = new Syncer(cluster, fingerprints, clock);
      runner = new OperationRunner(syncer, new Pruner(cluster.cache(), cluster, fingerprints), cluster, clock);
    }
    return runner;
  }

  /** A new controller process: same cluster and status, nothing in memory. */
  private void restart() {
    fingerprints = new FingerprintStore();
    runner = null;
  }

  private OperationState started() {
    return started("op-1");
  }

  private OperationState started(String id) {
    OperationState op = new OperationState();
    op.id = id;
    op.prune = true;
    runner().begin(op, input(op));
    assertThat(op.phase).isEqualTo(OperationPhase.Running.name());
    return op;
  }

  private void advance(OperationState op) throws ReconcileFailure {
    runner().advance(op, input(op));
  }

  private OperationInput input(OperationState op) {
    Comparer comparer = new Comparer(cluster.cache(), cluster, fingerprints);
    Map<ResourceKey, ResourceState> states = new LinkedHashMap<>();
    Map<ResourceKey, SyncHints> hints = new LinkedHashMap<>();
    Map<ResourceKey, Manifest> hookByKey = new LinkedHashMap<>();
    Map<ResourceKey, Pruner.Stale> staleByKey = new LinkedHashMap<>();
    List<PlanItem> items = new ArrayList<>();
    for (Manifest m : objects) {
      try {
        states.put(m.key(), comparer.compare(APP, m));
      } catch (ReconcileFailure e) {
        throw new AssertionError(e);
      }
      SyncHints h = SyncAnnotations.parse(m.body());
      hints.put(m.key(), h);
      items.add(PlanItem.apply(m.key(), h.wave()));
    }
    for (Manifest m : hooks) {
      SyncHints h = SyncAnnotations.parse(m.body());
      hints.put(m.key(), h);
      hookByKey.put(m.key(), m);
      for (SyncPhase phase : h.hookPhases()) items.add(PlanItem.hook(m.key(), phase, h.wave()));
    }
    if (Boolean.TRUE.equals(op.prune)) {
      for (Pruner.Stale s : stale) {
        hints.put(s.key(), s.hints());
        staleByKey.put(s.key(), s);
        items.add(PlanItem.prune(s.key(), s.hints().wave()));
      }
    }
    return new OperationInput(app, SyncPlan.of(items, false), states, hookByKey, staleByKey, hints, Set.of(),
        new HealthAssessor());
  }

  // ---- looking at the outcome ----

  private static void assertAt(OperationState op, SyncPhase phase, int wave) {
    assertThat(op.phase).as(op.message).isEqualTo(OperationPhase.Running.name());
    assertThat(op.syncPhase).as(op.message).isEqualTo(phase.name());
    assertThat(op.wave).isEqualTo(wave);
  }

  private static ResourceResult result(OperationState op, ResourceKey key, SyncPhase hookPhase) {
    return OperationResults.find(op, key, hookPhase).orElseThrow(() -> new AssertionError("no result for " + key));
  }

  private static Object annotation(Map<String, Object> object, String name) {
    return dev.keelson.core.diff.JsonValues.path(object, "metadata", "annotations", name);
  }
}
