package dev.keelson.controller.operation;

import static dev.keelson.controller.fake.Fixtures.APP;
import static dev.keelson.controller.fake.Fixtures.deadlineExceeded;
import static dev.keelson.controller.fake.Fixtures.deployment;
import static dev.keelson.controller.fake.Fixtures.jobCondition;
import static dev.keelson.controller.fake.Fixtures.jobHook;
import static dev.keelson.controller.fake.Fixtures.podHook;
import static dev.keelson.controller.fake.Fixtures.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.fake.FakeCluster;
import dev.keelson.controller.fake.FakeCluster.Verb;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.sync.GeneratedName;
import dev.keelson.core.sync.HookDeletePolicy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Creating hooks, judging their completion and deleting them, on an in-memory cluster. */
class HookRunnerTest {
  private final FakeCluster cluster = new FakeCluster();
  private final HookRunner hooks = new HookRunner(cluster);
  private final HealthAssessor health = new HealthAssessor();

  @Test
  void aJobCompletesByItsConditions() throws Exception {
    Manifest job = jobHook("migrate", "PreSync", Map.of());
    hooks.start(job, "op-1");

    assertThat(hooks.state(job, "op-1", health).completion()).isEqualTo(HookRunner.Completion.RUNNING);
    cluster.setStatus(job.key(), jobCondition("Complete"));
    assertThat(hooks.state(job, "op-1", health).completion()).isEqualTo(HookRunner.Completion.SUCCEEDED);
    cluster.setStatus(job.key(), jobCondition("Failed"));
    assertThat(hooks.state(job, "op-1", health))
        .isEqualTo(new HookRunner.State(HookRunner.Completion.FAILED, "job Failed"));
  }

  @Test
  void aPodCompletesByItsPhase() throws Exception {
    Manifest pod = podHook("check", "PostSync");
    hooks.start(pod, "op-1");

    assertThat(hooks.state(pod, "op-1", health))
        .isEqualTo(new HookRunner.State(HookRunner.Completion.RUNNING, "pod pending"));
    cluster.setStatus(pod.key(), Map.of("phase", "Succeeded"));
    assertThat(hooks.state(pod, "op-1", health).completion()).isEqualTo(HookRunner.Completion.SUCCEEDED);
    cluster.setStatus(pod.key(), Map.of("phase", "Failed"));
    assertThat(hooks.state(pod, "op-1", health))
        .isEqualTo(new HookRunner.State(HookRunner.Completion.FAILED, "pod failed"));
  }

  @Test
  void anyOtherKindCompletesByItsHealth() {
    Map<String, Object> progressing = deployment("web", Map.of()).body();
    Map<String, Object> healthy = new java.util.LinkedHashMap<>(progressing);
    healthy.put("status", rolledOut());
    Map<String, Object> degraded = new java.util.LinkedHashMap<>(progressing);
    degraded.put("status", deadlineExceeded());

    assertThat(HookRunner.completion(progressing, health).completion()).isEqualTo(HookRunner.Completion.RUNNING);
    assertThat(HookRunner.completion(healthy, health).completion()).isEqualTo(HookRunner.Completion.SUCCEEDED);
    assertThat(HookRunner.completion(degraded, health).completion()).isEqualTo(HookRunner.Completion.FAILED);
  }

  @Test
  void aHookDeletedBeforeItCompletedHasFailed() throws Exception {
    Manifest job = jobHook("migrate", "PreSync", Map.of());
    hooks.start(job, "op-1");
    cluster.delete("batch/v1", job.key(), null);

    assertThat(hooks.state(job, "op-1", health))
        .isEqualTo(new HookRunner.State(HookRunner.Completion.FAILED, "hook was deleted before it completed"));
  }

  @Test
  void startingAgainInTheSameOperationCreatesNothing() throws Exception {
    Manifest job = jobHook("migrate", "PreSync", Map.of());

    assertThat(hooks.start(job, "op-1")).isEqualTo(HookRunner.Start.STARTED);
    assertThat(hooks.start(job, "op-1")).isEqualTo(HookRunner.Start.STARTED);

    assertThat(cluster.count(Verb.APPLY, job.key())).isEqualTo(1);
  }

  @Test
  void anEarlierOperationsInstanceIsDeletedBeforeANewOneIsCreated() throws Exception {
    Manifest job = jobHook("migrate", "PreSync", Map.of());
    hooks.start(job, "op-1");

    assertThat(hooks.start(job, "op-2")).isEqualTo(HookRunner.Start.CLEARING);
    assertThat(cluster.object(job.key())).isNull();
    assertThat(hooks.start(job, "op-2")).isEqualTo(HookRunner.Start.STARTED);
    assertThat(hooks.state(job, "op-2", health).completion()).isEqualTo(HookRunner.Completion.RUNNING);
  }

  @Test
  void anInstanceBeingDeletedIsWaitedFor() throws Exception {
    Manifest job = jobHook("migrate", "PreSync", Map.of());
    hooks.start(job, "op-1");
    cluster.update(job.key(), o -> ((Map<String, Object>) o.get("metadata")).put("deletionTimestamp", "2026-12-01T12:00:00Z"));
    cluster.clearCalls();

    assertThat(hooks.start(job, "op-2")).isEqualTo(HookRunner.Start.CLEARING);
    assertThat(cluster.calls(Verb.DELETE)).as("deletion already under way").isEmpty();
  }

  @Test
  void deletePoliciesSayWhenACompletedHookIsDeleted() throws Exception {
    Manifest job = jobHook("migrate", "PreSync", Map.of());
    Set<HookDeletePolicy> onSuccess = Set.of(HookDeletePolicy.HookSucceeded);
    Set<HookDeletePolicy> onFailure = Set.of(HookDeletePolicy.HookFailed);
    Set<HookDeletePolicy> beforeCreation = Set.of(HookDeletePolicy.BeforeHookCreation);
    hooks.start(job, "op-1");

    hooks.cleanUp(job, onSuccess, false);
    hooks.cleanUp(job, onFailure, true);
    hooks.cleanUp(job, beforeCreation, true);
    assertThat(cluster.object(job.key())).as("no policy matched").isNotNull();

    hooks.cleanUp(job, onSuccess, true);
    assertThat(cluster.object(job.key())).isNull();

    hooks.start(job, "op-1");
    hooks.cleanUp(job, onFailure, false);
    assertThat(cluster.object(job.key())).isNull();
  }

  @Test
  void removeInstancesDeletesEveryRunOfAGenerateNameHookOfThisApp() throws Exception {
    Map<String, Object> body = jobHook("ignored", "PostSync", Map.of()).body();
    @SuppressWarnings("unchecked")
    Map<String, Object> md = (Map<String, Object>) body.get("metadata");
    md.remove("name");
    md.put("generateName", "smoke-");
    Manifest template = new Manifest(jobHook("smoke-", "PostSync", Map.of()).key(), "batch/v1", body, "hooks.yaml");
    Manifest run1 = GeneratedName.instance(template, APP, "op-1");
    Manifest run2 = GeneratedName.instance(template, APP, "op-2");
    hooks.start(run1, "op-1");
    hooks.start(run2, "op-2");

    hooks.removeInstances(template, APP);

    assertThat(cluster.object(run1.key())).isNull();
    assertThat(cluster.object(run2.key())).isNull();
  }
}
