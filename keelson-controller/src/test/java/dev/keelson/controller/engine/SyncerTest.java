package dev.keelson.controller.engine;

import static dev.keelson.controller.fake.Fixtures.APP;
import static dev.keelson.controller.fake.Fixtures.configMap;
import static dev.keelson.controller.fake.Fixtures.crd;
import static dev.keelson.controller.fake.Fixtures.established;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.controller.fake.FakeCluster;
import dev.keelson.controller.fake.FakeCluster.Call;
import dev.keelson.controller.fake.FakeCluster.Verb;
import dev.keelson.controller.fake.TestClock;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.ObjectSyncOptions;
import dev.keelson.core.sync.SyncAnnotations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two stages, dry-run validation and what is left unwritten, on an in-memory cluster. */
class SyncerTest {
  private final FakeCluster cluster = new FakeCluster();
  private final FingerprintStore fingerprints = new FingerprintStore();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T12:00:00Z"));
  private final Syncer syncer = new Syncer(cluster, fingerprints, clock);
  private final Comparer comparer = new Comparer(cluster.cache(), cluster, fingerprints);

  @Test
  void namespacesAndCrdsAreAppliedBeforeEverythingElse() throws Exception {
    cluster.onApply("CustomResourceDefinition", crd -> crd.put("status", established()));
    Manifest config = configMap("config");
    Manifest definition = crd("widgets", "example.com");

    SyncResult r = syncer.apply(APP, compare(config, definition), Set.of());

    assertThat(r.succeeded()).as(r.message()).isTrue();
    List<ResourceKey> applied = cluster.calls(Verb.APPLY).stream().map(Call::key).toList();
    assertThat(applied).containsExactly(definition.key(), config.key());
    assertThat(r.count(ApplyAction.Action.Created)).isEqualTo(2);
  }

  @Test
  void theSecondStageWaitsForCrdsWithoutBlockingAndGoesOnOnceTheyAreEstablished() throws Exception {
    Manifest config = configMap("config");
    Manifest definition = crd("widgets", "example.com");

    SyncResult waiting = syncer.apply(APP, compare(config, definition), Set.of());
    assertThat(waiting.status()).isEqualTo(SyncResult.Status.WAITING);
    assertThat(waiting.message()).isEqualTo("waiting for CRD widgets.example.com to be Established");
    assertThat(cluster.object(config.key())).isNull();

    clock.advance(Duration.ofSeconds(30));
    assertThat(syncer.apply(APP, compare(config, definition), Set.of()).status()).isEqualTo(SyncResult.Status.WAITING);

    cluster.setStatus(definition.key(), established());
    SyncResult done = syncer.apply(APP, compare(config, definition), Set.of());
    assertThat(done.succeeded()).as(done.message()).isTrue();
    assertThat(cluster.count(Verb.APPLY, definition.key())).as("applied once, then unchanged").isEqualTo(1);
    assertThat(cluster.count(Verb.APPLY, config.key())).isEqualTo(1);
  }

  @Test
  void aCrdNotEstablishedWithinTheLimitOnTheClockFailsTheSync() throws Exception {
    Manifest definition = crd("widgets", "example.com");
    syncer.apply(APP, compare(definition, configMap("config")), Set.of());

    clock.advance(Syncer.CRD_WAIT.plusSeconds(1));

    assertThatThrownBy(() -> syncer.apply(APP, compare(definition, configMap("config")), Set.of()))
        .isInstanceOf(ReconcileFailure.class)
        .hasMessageContaining(definition.key() + " not established within 60s");
  }

  @Test
  void aStageThatOnlyCreatesIsNotDryRunFirst() throws Exception {
    SyncResult r = syncer.apply(APP, compare(configMap("a"), configMap("b")), Set.of());

    assertThat(r.succeeded()).isTrue();
    assertThat(cluster.calls(Verb.DRY_RUN)).isEmpty();
  }

  @Test
  void oneRejectionInTheDryRunAppliesNothingOfTheStage() throws Exception {
    Manifest existing = configMap("existing");
    cluster.seed(existing.key(), existing.body());
    cluster.update(existing.key(), o -> o.put("data", Map.of("key", "changed by hand")));
    Manifest bad = configMap("bad");
    cluster.reject(Verb.DRY_RUN, bad.key(), "data.key: Invalid value");
    List<ResourceState> states = compare(existing, bad);
    cluster.clearCalls();

    SyncResult r = syncer.apply(APP, states, Set.of());

    assertThat(r.succeeded()).isFalse();
    assertThat(r.message()).startsWith("the API server rejected 1 object(s), nothing applied: manifests/bad.yaml ("
        + bad.key() + "): ").contains("data.key: Invalid value");
    assertThat(cluster.calls(Verb.APPLY)).isEmpty();
    assertThat(cluster.object(existing.key())).extracting(o -> ((Map<?, ?>) o.get("data")).get("key"))
        .isEqualTo("changed by hand");
  }

  @Test
  void aRejectedCreationStopsTheStageAndNamesTheObject() throws Exception {
    Manifest a = configMap("a");
    Manifest b = configMap("b");
    Manifest c = configMap("c");
    cluster.reject(Verb.APPLY, b.key(), "forbidden");

    SyncResult r = syncer.apply(APP, compare(a, b, c), Set.of());

    assertThat(r.succeeded()).isFalse();
    assertThat(r.message()).startsWith("manifests/b.yaml (" + b.key() + "): ");
    assertThat(cluster.object(a.key())).isNotNull();
    assertThat(cluster.object(c.key())).isNull();
  }

  @Test
  void unchangedObjectsAreNotWritten() throws Exception {
    Manifest a = configMap("a");
    Manifest b = configMap("b");
    syncer.apply(APP, compare(a, b), Set.of());
    cluster.update(b.key(), o -> o.put("data", Map.of("key", "drifted")));
    List<ResourceState> states = compare(a, b);
    cluster.clearCalls();

    SyncResult r = syncer.apply(APP, states, Set.of());

    assertThat(r.succeeded()).isTrue();
    assertThat(cluster.calls(Verb.APPLY)).extracting(Call::key).containsExactly(b.key());
    assertThat(r.actions()).contains(new ApplyAction(a.key(), ApplyAction.Action.Unchanged, ""),
        new ApplyAction(b.key(), ApplyAction.Action.Configured, ""));
  }

  @Test
  void anotherAppsObjectIsSkippedOrFailsWithFailOnSharedResource() throws Exception {
    Manifest theirs = configMap("shared");
    Map<String, Object> other = dev.keelson.core.tracking.TrackingMark.stamp(theirs.body(),
        new dev.keelson.core.tracking.AppRef("keelson", "other"), theirs.key());
    cluster.seed(theirs.key(), other);
    List<ResourceState> states = compare(theirs);

    SyncResult skipped = syncer.apply(APP, states, Set.of());
    SyncResult failed = syncer.apply(APP, states, Set.of(), new Syncer.Options(false, true, true, Map.of()));

    assertThat(skipped.succeeded()).isTrue();
    assertThat(skipped.count(ApplyAction.Action.Skipped)).isEqualTo(1);
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.message()).endsWith("(FailOnSharedResource=true)");
    assertThat(cluster.calls(Verb.APPLY)).isEmpty();
  }

  @Test
  void replaceWritesWholeAndForceRecreatesWhatTheServerRefuses() throws Exception {
    Manifest replaced = configMap("replaced", Map.of("argocd.argoproj.io/sync-options", "Replace=true"));
    Manifest forced = configMap("forced", Map.of("argocd.argoproj.io/sync-options", "Force=true"));
    cluster.seed(forced.key(), forced.body());
    cluster.update(forced.key(), o -> o.put("data", Map.of("key", "immutable")));
    cluster.rejectOnce(Verb.APPLY, forced.key(), "field is immutable");
    List<ResourceState> states = compare(replaced, forced);
    cluster.clearCalls();

    SyncResult r = syncer.apply(APP, states, Set.of(), options(replaced, forced));

    assertThat(r.succeeded()).as(r.message()).isTrue();
    assertThat(cluster.calls(Verb.REPLACE)).extracting(Call::key).containsExactly(replaced.key());
    assertThat(cluster.calls(Verb.DRY_RUN)).as("Force and Replace objects are not dry-run").isEmpty();
    assertThat(cluster.calls()).extracting(Call::verb).containsSubsequence(Verb.APPLY, Verb.DELETE, Verb.APPLY);
    assertThat(cluster.object(forced.key())).extracting(o -> ((Map<?, ?>) o.get("data")).get("key"))
        .isEqualTo("forced");
  }

  @Test
  void createNamespaceCreatesOnlyMissingUndeclaredNamespaces() throws Exception {
    cluster.seed(new ResourceKey("", "Namespace", "", "exists"), Map.of("apiVersion", "v1", "kind", "Namespace",
        "metadata", Map.of("name", "exists")));

    syncer.apply(APP, compare(configMap("a")), Set.of("exists", "team"));

    assertThat(cluster.calls(Verb.APPLY)).extracting(Call::key)
        .containsExactly(new ResourceKey("", "Namespace", "", "team"), configMap("a").key());
  }

  private Syncer.Options options(Manifest... objects) {
    Map<ResourceKey, ObjectSyncOptions> perObject = new java.util.LinkedHashMap<>();
    for (Manifest m : objects) perObject.put(m.key(), SyncAnnotations.parse(m.body()).options());
    return new Syncer.Options(false, true, false, perObject);
  }

  private List<ResourceState> compare(Manifest... objects) throws ReconcileFailure {
    List<ResourceState> out = new ArrayList<>();
    for (Manifest m : objects) out.add(comparer.compare(APP, m));
    return out;
  }
}
