package dev.keelson.controller.engine;

import static dev.keelson.controller.fake.Fixtures.APP;
import static dev.keelson.controller.fake.Fixtures.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.fake.FakeCluster;
import dev.keelson.controller.fake.FakeCluster.Call;
import dev.keelson.controller.fake.FakeCluster.Verb;
import dev.keelson.core.diff.IgnoreRule;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.core.tracking.TrackingMark;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fingerprint path (no request) and the dry-run path, on an in-memory cluster. */
class ComparerTest {
  private final FakeCluster cluster = new FakeCluster();
  private final FingerprintStore fingerprints = new FingerprintStore();
  private final Comparer comparer = new Comparer(cluster.cache(), cluster, fingerprints);

  @Test
  void aNewObjectIsMissingWithoutARequest() throws Exception {
    ResourceState s = comparer.compare(APP, configMap("new"));

    assertThat(s.sync()).isEqualTo(ResourceState.Sync.Missing);
    assertThat(cluster.calls()).isEmpty();
  }

  @Test
  void aFingerprintedObjectIsSyncedWithoutARequest() throws Exception {
    Manifest m = configMap("config");
    fingerprints.put(APP, m.key(), m.body(), cluster.apply(m.body(), m.key()));
    cluster.clearCalls();

    ResourceState s = comparer.compare(APP, m);

    assertThat(s.sync()).isEqualTo(ResourceState.Sync.Synced);
    assertThat(cluster.calls()).isEmpty();
  }

  @Test
  void withoutAFingerprintTheObjectIsReadAndDryRunThenFingerprinted() throws Exception {
    Manifest m = configMap("config");
    cluster.seed(m.key(), m.body());

    ResourceState first = comparer.compare(APP, m);
    List<Call> calls = cluster.calls();
    cluster.clearCalls();
    ResourceState second = comparer.compare(APP, m);

    assertThat(first.sync()).isEqualTo(ResourceState.Sync.Synced);
    assertThat(calls).extracting(Call::verb).containsExactly(Verb.GET, Verb.DRY_RUN);
    assertThat(second.sync()).isEqualTo(ResourceState.Sync.Synced);
    assertThat(cluster.calls()).as("the first comparison left a fingerprint").isEmpty();
  }

  @Test
  void aChangedFieldGitSetsIsOutOfSync() throws Exception {
    Manifest m = configMap("config");
    fingerprints.put(APP, m.key(), m.body(), cluster.apply(m.body(), m.key()));
    cluster.update(m.key(), o -> o.put("data", Map.of("key", "edited")));

    ResourceState s = comparer.compare(APP, m);

    assertThat(s.sync()).isEqualTo(ResourceState.Sync.OutOfSync);
    assertThat(s.predicted()).isNotNull();
    assertThat(fingerprints.has(APP, m.key())).isFalse();
  }

  @Test
  void fieldsGitDoesNotSetNeverCountAsDrift() throws Exception {
    Manifest m = configMap("config");
    fingerprints.put(APP, m.key(), m.body(), cluster.apply(m.body(), m.key()));
    cluster.update(m.key(), o -> o.put("binaryData", Map.of("other", "set by someone else")));

    ResourceState s = comparer.compare(APP, m);

    assertThat(s.sync()).isEqualTo(ResourceState.Sync.Synced);
    assertThat(cluster.calls(Verb.DRY_RUN)).isEmpty();
  }

  @Test
  void ignoredDifferencesTakeTheLiveValue() throws Exception {
    Manifest m = configMap("config");
    fingerprints.put(APP, m.key(), m.body(), cluster.apply(m.body(), m.key()));
    cluster.update(m.key(), o -> o.put("data", Map.of("key", "managed elsewhere")));
    IgnoreRule rule = new IgnoreRule("", "ConfigMap", "", "", List.of("/data/key"), List.of());

    ResourceState s = comparer.compare(APP, m, List.of(rule));

    assertThat(s.sync()).isEqualTo(ResourceState.Sync.Synced);
  }

  @Test
  void anotherAppsObjectIsAConflict() throws Exception {
    Manifest m = configMap("shared");
    cluster.seed(m.key(), TrackingMark.stamp(m.body(), new AppRef("keelson", "other"), m.key()));

    ResourceState s = comparer.compare(APP, m);

    assertThat(s.sync()).isEqualTo(ResourceState.Sync.Conflict);
    assertThat(s.message()).isEqualTo("already managed by application keelson/other");
  }

  @Test
  void aRejectedDryRunIsOutOfSyncWithTheReason() throws Exception {
    Manifest m = configMap("config");
    cluster.seed(m.key(), m.body());
    cluster.reject(Verb.DRY_RUN, m.key(), "admission webhook denied");

    ResourceState s = comparer.compare(APP, m);

    assertThat(s.sync()).isEqualTo(ResourceState.Sync.OutOfSync);
    assertThat(s.message()).startsWith("manifests/config.yaml: ").contains("admission webhook denied");
  }
}
