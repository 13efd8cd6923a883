package dev.keelson.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.api.v1alpha1.ApplicationStatus.ResourceStatus;
import dev.keelson.core.health.Health;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.core.inventory.Inventory;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatusWriterTest {
  private static final Instant T1 = Instant.parse("2025-03-01T10:00:00.750Z");
  private static final Instant T2 = Instant.parse("2025-03-01T10:05:30Z");
  private static final String T1_TEXT = "2025-03-01T10:00:00Z";
  private static final String T2_TEXT = "2025-03-01T10:05:30Z";

  private static final String REVISION = "3f2c9a7d1e";
  private static final String GIT_REF = "refs/heads/main";
  private static final String DIGEST = "digest-1";

  private static final ResourceKey DEPLOY = new ResourceKey("apps", "Deployment", "shop", "web");
  private static final ResourceKey SERVICE = new ResourceKey("", "Service", "shop", "web");
  private static final ResourceKey ROLE = new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "reader");
  private static final ResourceKey OLD_CONFIG = new ResourceKey("", "ConfigMap", "shop", "legacy");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static StatusWriter at(Instant instant) {
    return new StatusWriter(Clock.fixed(instant, ZoneOffset.UTC));
  }

  private static Manifest manifest(ResourceKey key, String apiVersion) {
    return new Manifest(key, apiVersion,
        Map.of("apiVersion", apiVersion, "kind", key.kind(), "metadata", Map.of("name", key.name())),
        "deploy/" + key.name() + ".yaml#0");
  }

  private static final Manifest DEPLOY_M = manifest(DEPLOY, "apps/v1");
  private static final Manifest SERVICE_M = manifest(SERVICE, "v1");
  private static final Manifest ROLE_M = manifest(ROLE, "rbac.authorization.k8s.io/v1");

  private static ResourceState state(Manifest m, ResourceState.Sync sync, String message) {
    return new ResourceState(m, sync == ResourceState.Sync.Missing ? null : Map.of(), null, sync, message);
  }

  private static ResourceState synced(Manifest m) {
    return state(m, ResourceState.Sync.Synced, "");
  }

  private static SyncResult succeeded(ApplyAction... actions) {
    return new SyncResult(List.of(actions), Map.of(), true, "");
  }

  private static SyncResult failedSync(String message) {
    return new SyncResult(List.of(new ApplyAction(DEPLOY, ApplyAction.Action.Failed, "denied")), Map.of(), false,
        message);
  }

  /** An outcome of a comparison, with every desired object Healthy unless told otherwise. */
  private static final class OutcomeBuilder {
    private final List<ResourceState> states = new ArrayList<>();
    private final List<Pruner.Stale> stale = new ArrayList<>();
    private final Map<ResourceKey, Health> health = new LinkedHashMap<>();
    private SyncResult sync;
    private Health appHealth = Health.healthy();
    private String initiatedBy = "automated";

    OutcomeBuilder state(ResourceState s) {
      states.add(s);
      health.putIfAbsent(s.desired().key(), Health.healthy());
      return this;
    }

    OutcomeBuilder stale(ResourceKey key, String apiVersion) {
      stale.add(new Pruner.Stale(key, apiVersion, dev.keelson.core.sync.SyncHints.DEFAULTS));
      return this;
    }

    OutcomeBuilder health(ResourceKey key, Health h) {
      health.put(key, h);
      return this;
    }

    OutcomeBuilder appHealth(Health h) {
      appHealth = h;
      return this;
    }

    OutcomeBuilder sync(SyncResult r) {
      sync = r;
      return this;
    }

    OutcomeBuilder initiatedBy(String who) {
      initiatedBy = who;
      return this;
    }

    Outcome build() {
      List<Manifest> objects = states.stream().map(ResourceState::desired).toList();
      Map<ResourceKey, String> inv = new LinkedHashMap<>();
      objects.forEach(m -> inv.put(m.key(), m.version()));
      stale.forEach(s -> inv.put(s.key(), ResourceKey.versionOf(s.apiVersion())));
      DesiredState desired = new DesiredState(objects, REVISION, GIT_REF, "tree-1", DIGEST, "directory");
      return new Outcome(desired, List.copyOf(states), List.copyOf(stale), sync, Map.copyOf(health), appHealth,
          Inventory.of(inv), null, initiatedBy, null);
    }
  }

  private static OutcomeBuilder outcome() {
    return new OutcomeBuilder();
  }

  /** Three objects, all Synced and Healthy, nothing to prune, no sync this time. */
  private static Outcome steady() {
    return outcome().state(synced(DEPLOY_M)).state(synced(SERVICE_M)).state(synced(ROLE_M)).build();
  }

  private static Outcome failure(FailureReason reason, String message) {
    return Outcome.failed(new ReconcileFailure(reason, message));
  }

  private static Condition condition(ApplicationStatus s, String type) {
    return s.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  private static ResourceStatus resource(ApplicationStatus s, ResourceKey key) {
    return s.resources.stream()
        .filter(r -> key.kind().equals(r.kind) && key.name().equals(r.name) && key.group().equals(r.group == null ? "" : r.group))
        .findFirst().orElseThrow();
  }

  private static String json(ApplicationStatus s) throws Exception {
    return JSON.writeValueAsString(s);
  }

  @Nested
  @DisplayName("Ready, Reconciling and Stalled conditions")
  class Conditions {
    @Test
    @DisplayName("in sync and Healthy: Ready True with reason ReconciliationSucceeded naming the revision")
    void readyWhenSyncedAndHealthy() {
      ApplicationStatus s = at(T1).write(null, 4, steady(), null);

      assertThat(s.conditions).extracting(Condition::getType)
          .containsExactly(StatusWriter.READY, StatusWriter.RECONCILING, StatusWriter.STALLED);
      Condition ready = condition(s, StatusWriter.READY);
      assertThat(ready.getStatus()).isEqualTo("True");
      assertThat(ready.getReason()).isEqualTo("ReconciliationSucceeded");
      assertThat(ready.getMessage()).contains(REVISION);
      assertThat(condition(s, StatusWriter.RECONCILING).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusWriter.RECONCILING).getReason()).isEqualTo("Idle");
      assertThat(condition(s, StatusWriter.STALLED).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusWriter.STALLED).getReason()).isEqualTo("NotStalled");
      assertThat(s.sync.status).isEqualTo("Synced");
      assertThat(s.health.status).isEqualTo("Healthy");
    }

    @Test
    @DisplayName("out of sync: Ready False with reason OutOfSync counting the objects and those that require pruning")
    void outOfSync() {
      Outcome o = outcome()
          .state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "spec.replicas differs"))
          .state(state(SERVICE_M, ResourceState.Sync.Missing, "not found"))
          .state(synced(ROLE_M))
          .stale(OLD_CONFIG, "v1")
          .build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      Condition ready = condition(s, StatusWriter.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("OutOfSync");
      assertThat(ready.getMessage()).isEqualTo("2 object(s) out of sync, 1 require pruning");
      assertThat(s.sync.status).isEqualTo("OutOfSync");
      assertThat(condition(s, StatusWriter.RECONCILING).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusWriter.STALLED).getStatus()).isEqualTo("False");
    }

    @Test
    @DisplayName("out of sync without stale objects: the message does not mention pruning")
    void outOfSyncNoPruning() {
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs")).build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      assertThat(condition(s, StatusWriter.READY).getMessage()).isEqualTo("1 object(s) out of sync");
    }

    @Test
    @DisplayName("only stale objects left: out of sync with 0 objects and the pruning count")
    void onlyStale() {
      Outcome o = outcome().state(synced(DEPLOY_M)).stale(OLD_CONFIG, "v1").stale(ROLE, "rbac.authorization.k8s.io/v1")
          .build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      assertThat(s.sync.status).isEqualTo("OutOfSync");
      assertThat(condition(s, StatusWriter.READY).getReason()).isEqualTo("OutOfSync");
      assertThat(condition(s, StatusWriter.READY).getMessage()).isEqualTo("0 object(s) out of sync, 2 require pruning");
    }

    @Test
    @DisplayName("in sync but Progressing: Ready False and Reconciling True, both with reason Progressing")
    void progressing() {
      Outcome o = outcome().state(synced(DEPLOY_M))
          .health(DEPLOY, Health.progressing("1 of 3 replicas updated"))
          .appHealth(Health.progressing("1 of 3 replicas updated"))
          .build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      Condition ready = condition(s, StatusWriter.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("Progressing");
      assertThat(ready.getMessage()).isEqualTo("1 of 3 replicas updated");
      Condition reconciling = condition(s, StatusWriter.RECONCILING);
      assertThat(reconciling.getStatus()).isEqualTo("True");
      assertThat(reconciling.getReason()).isEqualTo("Progressing");
      assertThat(reconciling.getMessage()).isEqualTo("1 of 3 replicas updated");
      assertThat(condition(s, StatusWriter.STALLED).getStatus()).isEqualTo("False");
      assertThat(s.health.status).isEqualTo("Progressing");
      assertThat(s.sync.status).isEqualTo("Synced");
    }

    @Test
    @DisplayName("in sync but Degraded: Ready False with the health as reason and message, not reconciling")
    void degraded() {
      Outcome withMessage = outcome().state(synced(DEPLOY_M)).appHealth(Health.degraded("CrashLoopBackOff")).build();
      Outcome withoutMessage = outcome().state(synced(DEPLOY_M)).appHealth(Health.degraded("")).build();

      ApplicationStatus s = at(T1).write(null, 1, withMessage, null);
      ApplicationStatus bare = at(T1).write(null, 1, withoutMessage, null);

      assertThat(condition(s, StatusWriter.READY).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusWriter.READY).getReason()).isEqualTo("Degraded");
      assertThat(condition(s, StatusWriter.READY).getMessage()).isEqualTo("CrashLoopBackOff");
      assertThat(condition(s, StatusWriter.RECONCILING).getStatus()).isEqualTo("False");
      assertThat(condition(bare, StatusWriter.READY).getMessage()).isEqualTo("health is Degraded");
      assertThat(bare.health.message).isNull();
    }

    @Test
    @DisplayName("transient failure: Ready False and Reconciling True with the failure as reason, not Stalled")
    void transientFailure() {
      ApplicationStatus s = at(T1).write(null, 1,
          failure(FailureReason.SourceFailed, "fetch https://git.example.com/x.git: connection refused"), null);

      Condition ready = condition(s, StatusWriter.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("SourceFailed");
      assertThat(ready.getMessage()).isEqualTo("fetch https://git.example.com/x.git: connection refused");
      Condition reconciling = condition(s, StatusWriter.RECONCILING);
      assertThat(reconciling.getStatus()).isEqualTo("True");
      assertThat(reconciling.getReason()).isEqualTo("SourceFailed");
      assertThat(reconciling.getMessage()).isEqualTo(ready.getMessage());
      Condition stalled = condition(s, StatusWriter.STALLED);
      assertThat(stalled.getStatus()).isEqualTo("False");
      assertThat(stalled.getReason()).isEqualTo("NotStalled");
      assertThat(stalled.getMessage()).isNull();
    }

    @Test
    @DisplayName("non-transient failure: Stalled True with the failure as reason, not Reconciling")
    void permanentFailure() {
      ApplicationStatus s = at(T1).write(null, 1,
          failure(FailureReason.RenderFailed, "deploy/web.yaml: mapping values are not allowed here"), null);

      assertThat(condition(s, StatusWriter.READY).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusWriter.READY).getReason()).isEqualTo("RenderFailed");
      Condition stalled = condition(s, StatusWriter.STALLED);
      assertThat(stalled.getStatus()).isEqualTo("True");
      assertThat(stalled.getReason()).isEqualTo("RenderFailed");
      assertThat(stalled.getMessage()).isEqualTo("deploy/web.yaml: mapping values are not allowed here");
      Condition reconciling = condition(s, StatusWriter.RECONCILING);
      assertThat(reconciling.getStatus()).isEqualTo("False");
      assertThat(reconciling.getReason()).isEqualTo("Idle");
      assertThat(reconciling.getMessage()).isNull();
    }

    @Test
    @DisplayName("the failure's own transient flag decides, not the reason's default")
    void explicitTransience() {
      Outcome retried = Outcome.failed(new ReconcileFailure(FailureReason.SyncFailed, "waiting for CRDs", true));
      Outcome stalled = Outcome.failed(new ReconcileFailure(FailureReason.ClusterUnreachable, "forbidden", false));

      ApplicationStatus a = at(T1).write(null, 1, retried, null);
      ApplicationStatus b = at(T1).write(null, 1, stalled, null);

      assertThat(condition(a, StatusWriter.RECONCILING).getStatus()).isEqualTo("True");
      assertThat(condition(a, StatusWriter.STALLED).getStatus()).isEqualTo("False");
      assertThat(condition(b, StatusWriter.RECONCILING).getStatus()).isEqualTo("False");
      assertThat(condition(b, StatusWriter.STALLED).getStatus()).isEqualTo("True");
    }

    @Test
    @DisplayName("a failed sync: Ready False and Stalled True with reason SyncFailed and the sync's message")
    void syncFailure() {
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .sync(failedSync("Deployment.apps/shop/web: admission webhook denied the request")).build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      Condition ready = condition(s, StatusWriter.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("SyncFailed");
      assertThat(ready.getMessage()).isEqualTo("Deployment.apps/shop/web: admission webhook denied the request");
      assertThat(condition(s, StatusWriter.STALLED).getStatus()).isEqualTo("True");
      assertThat(condition(s, StatusWriter.STALLED).getReason()).isEqualTo("SyncFailed");
      assertThat(condition(s, StatusWriter.RECONCILING).getStatus()).isEqualTo("False");
    }

    @Test
    @DisplayName("observedGeneration is set on the status and on every condition")
    void observedGeneration() {
      ApplicationStatus s = at(T1).write(null, 7, steady(), null);
      ApplicationStatus f = at(T1).write(s, 8, failure(FailureReason.InvalidSpec, "spec.interval: bad"), null);

      assertThat(s.observedGeneration).isEqualTo(7L);
      assertThat(s.conditions).extracting(Condition::getObservedGeneration).containsOnly(7L);
      assertThat(f.observedGeneration).isEqualTo(8L);
      assertThat(f.conditions).extracting(Condition::getObservedGeneration).containsOnly(8L);
    }
  }

  @Nested
  @DisplayName("lastTransitionTime")
  class TransitionTimes {
    @Test
    @DisplayName("is the clock's time, to the second, on a first status")
    void firstStatus() {
      ApplicationStatus s = at(T1).write(null, 1, steady(), null);

      assertThat(s.conditions).extracting(Condition::getLastTransitionTime).containsOnly(T1_TEXT);
    }

    @Test
    @DisplayName("is kept while a condition's status does not change")
    void keptWhileUnchanged() {
      ApplicationStatus first = at(T1).write(null, 1, steady(), null);

      ApplicationStatus second = at(T2).write(first, 2, steady(), null);

      assertThat(second.conditions).extracting(Condition::getLastTransitionTime).containsOnly(T1_TEXT);
    }

    @Test
    @DisplayName("is kept when only the reason or message changes, the status staying the same")
    void keptWhenOnlyReasonChanges() {
      Outcome outOfSync = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs")).build();
      ApplicationStatus first = at(T1).write(null, 1, outOfSync, null);

      ApplicationStatus second = at(T2).write(first, 1, failure(FailureReason.SourceFailed, "timeout"), null);

      Condition ready = condition(second, StatusWriter.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("SourceFailed");
      assertThat(ready.getLastTransitionTime()).isEqualTo(T1_TEXT);
    }

    @Test
    @DisplayName("moves to the clock's time for exactly the conditions whose status changes")
    void updatedOnChange() {
      ApplicationStatus first = at(T1).write(null, 1, steady(), null);

      ApplicationStatus second = at(T2).write(first, 1, failure(FailureReason.SourceFailed, "timeout"), null);

      assertThat(condition(second, StatusWriter.READY).getLastTransitionTime()).isEqualTo(T2_TEXT);
      assertThat(condition(second, StatusWriter.RECONCILING).getLastTransitionTime()).isEqualTo(T2_TEXT);
      assertThat(condition(second, StatusWriter.STALLED).getStatus()).isEqualTo("False");
      assertThat(condition(second, StatusWriter.STALLED).getLastTransitionTime()).isEqualTo(T1_TEXT);
    }

    @Test
    @DisplayName("moves again when the status changes back")
    void changesBack() {
      ApplicationStatus first = at(T1).write(null, 1, failure(FailureReason.SourceFailed, "timeout"), null);
      ApplicationStatus second = at(T2).write(first, 1, steady(), null);

      assertThat(condition(first, StatusWriter.READY).getStatus()).isEqualTo("False");
      assertThat(condition(second, StatusWriter.READY).getStatus()).isEqualTo("True");
      assertThat(condition(second, StatusWriter.READY).getLastTransitionTime()).isEqualTo(T2_TEXT);
      assertThat(condition(second, StatusWriter.RECONCILING).getLastTransitionTime()).isEqualTo(T2_TEXT);
      assertThat(condition(second, StatusWriter.STALLED).getLastTransitionTime()).isEqualTo(T1_TEXT);
    }

    @Test
    @DisplayName("an old condition without a time gets the clock's time")
    void missingOldTime() {
      ApplicationStatus first = at(T1).write(null, 1, steady(), null);
      first.conditions.forEach(c -> c.setLastTransitionTime(null));

      ApplicationStatus second = at(T2).write(first, 1, steady(), null);

      assertThat(second.conditions).extracting(Condition::getLastTransitionTime).containsOnly(T2_TEXT);
    }
  }

  @Nested
  @DisplayName("sync status")
  class SyncStatus {
    @Test
    @DisplayName("records the revision, the ref and the source tree that were compared")
    void compared() {
      ApplicationStatus s = at(T1).write(null, 1, steady(), null);

      assertThat(s.sync.revision).isEqualTo(REVISION);
      assertThat(s.sync.ref).isEqualTo(GIT_REF);
      assertThat(s.sourceTreeId).isEqualTo("tree-1");
    }

    @Test
    @DisplayName("is Unknown when nothing was compared, keeping the previous revision, ref, resources, inventory and health")
    void unknownKeepsPrevious() throws Exception {
      ApplicationStatus previous = at(T1).write(null, 1, steady(), null);
      String previousResources = JSON.writeValueAsString(previous.resources);
      String previousInventory = JSON.writeValueAsString(previous.inventory);

      ApplicationStatus s = at(T2).write(previous, 1, failure(FailureReason.SourceFailed, "timeout"), null);

      assertThat(s.sync.status).isEqualTo("Unknown");
      assertThat(s.sync.revision).isEqualTo(REVISION);
      assertThat(s.sync.ref).isEqualTo(GIT_REF);
      assertThat(s.sourceTreeId).isEqualTo("tree-1");
      assertThat(JSON.writeValueAsString(s.resources)).isEqualTo(previousResources);
      assertThat(JSON.writeValueAsString(s.inventory)).isEqualTo(previousInventory);
      assertThat(s.health.status).isEqualTo("Healthy");
    }

    @Test
    @DisplayName("is Unknown with Unknown health when the first reconcile could not compare")
    void unknownFromScratch() {
      ApplicationStatus s = at(T1).write(null, 1, failure(FailureReason.InvalidSpec, "spec.source.repoURL is required"),
          null);

      assertThat(s.sync.status).isEqualTo("Unknown");
      assertThat(s.sync.revision).isNull();
      assertThat(s.health.status).isEqualTo("Unknown");
      assertThat(s.health.message).isEqualTo("not compared yet");
      assertThat(s.resources).isEmpty();
      assertThat(s.history).isEmpty();
      assertThat(s.lastSyncedAt).isNull();
      assertThat(s.appliedDigest).isNull();
    }

    @Test
    @DisplayName("records the handled sync request, and keeps it when none is handled")
    void handledSyncRequest() {
      ApplicationStatus first = at(T1).write(null, 1, steady(), "2025-03-01T09:59:00Z");
      ApplicationStatus second = at(T2).write(first, 1, steady(), null);
      ApplicationStatus third = at(T2).write(second, 1, steady(), "2025-03-01T10:05:00Z");

      assertThat(first.lastHandledSyncRequest).isEqualTo("2025-03-01T09:59:00Z");
      assertThat(second.lastHandledSyncRequest).isEqualTo("2025-03-01T09:59:00Z");
      assertThat(third.lastHandledSyncRequest).isEqualTo("2025-03-01T10:05:00Z");
    }
  }

  @Nested
  @DisplayName("resources and inventory")
  class Resources {
    @Test
    @DisplayName("lists every desired object with its group, version, kind, namespace, name, sync and health")
    void desiredObjects() {
      Outcome o = outcome()
          .state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "spec.replicas: 2 -> 3"))
          .state(synced(SERVICE_M))
          .state(synced(ROLE_M))
          .health(DEPLOY, Health.progressing("waiting for rollout"))
          .build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      ResourceStatus deploy = resource(s, DEPLOY);
      assertThat(deploy.group).isEqualTo("apps");
      assertThat(deploy.version).isEqualTo("v1");
      assertThat(deploy.kind).isEqualTo("Deployment");
      assertThat(deploy.namespace).isEqualTo("shop");
      assertThat(deploy.name).isEqualTo("web");
      assertThat(deploy.status).isEqualTo("OutOfSync");
      assertThat(deploy.message).isEqualTo("spec.replicas: 2 -> 3");
      assertThat(deploy.health.status).isEqualTo("Progressing");
      assertThat(deploy.health.message).isEqualTo("waiting for rollout");
      assertThat(deploy.requiresPruning).isNull();

      ResourceStatus service = resource(s, SERVICE);
      assertThat(service.group).as("omitted for the core group").isNull();
      assertThat(service.version).isEqualTo("v1");
      assertThat(service.status).isEqualTo("Synced");
      assertThat(service.message).isNull();
      assertThat(service.health.status).isEqualTo("Healthy");
      assertThat(service.health.message).isNull();

      ResourceStatus role = resource(s, ROLE);
      assertThat(role.namespace).isNull();
      assertThat(role.version).isEqualTo("v1");
    }

    @Test
    @DisplayName("reports Missing, Conflict and Unknown objects as OutOfSync with their message")
    void notSyncedStates() {
      Outcome o = outcome()
          .state(state(DEPLOY_M, ResourceState.Sync.Missing, "not found"))
          .state(state(SERVICE_M, ResourceState.Sync.Conflict, "managed by keelson/other"))
          .state(state(ROLE_M, ResourceState.Sync.Unknown, "kind not served"))
          .build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      assertThat(s.resources).extracting(r -> r.status).containsOnly("OutOfSync");
      assertThat(resource(s, SERVICE).message).isEqualTo("managed by keelson/other");
      assertThat(condition(s, StatusWriter.READY).getMessage()).isEqualTo("3 object(s) out of sync");
    }

    @Test
    @DisplayName("a Synced object's leftover message is not shown")
    void syncedMessageDropped() {
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.Synced, "was out of sync")).build();

      assertThat(resource(at(T1).write(null, 1, o, null), DEPLOY).message).isNull();
    }

    @Test
    @DisplayName("an object without assessed health has no health entry")
    void noHealth() {
      Outcome o = new Outcome(new DesiredState(List.of(DEPLOY_M), REVISION, GIT_REF, "t", DIGEST, "directory"),
          List.of(synced(DEPLOY_M)), List.of(), null, Map.of(), Health.healthy(),
          Inventory.of(Map.of(DEPLOY, "v1")), null, "automated", null);

      assertThat(resource(at(T1).write(null, 1, o, null), DEPLOY).health).isNull();
    }

    @Test
    @DisplayName("lists stale objects after the desired ones, OutOfSync with requiresPruning")
    void staleObjects() {
      Outcome o = outcome().state(synced(DEPLOY_M))
          .stale(OLD_CONFIG, "v1")
          .stale(new ResourceKey("batch", "CronJob", "shop", "cleanup"), "batch/v1")
          .build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      assertThat(s.resources).extracting(r -> r.kind).containsExactly("Deployment", "ConfigMap", "CronJob");
      ResourceStatus config = resource(s, OLD_CONFIG);
      assertThat(config.requiresPruning).isTrue();
      assertThat(config.status).isEqualTo("OutOfSync");
      assertThat(config.message).isEqualTo("requires pruning");
      assertThat(config.version).isEqualTo("v1");
      assertThat(config.namespace).isEqualTo("shop");
      assertThat(config.health).isNull();
      ResourceStatus cron = s.resources.get(2);
      assertThat(cron.group).isEqualTo("batch");
      assertThat(cron.version).isEqualTo("v1");
      assertThat(cron.requiresPruning).isTrue();
    }

    @Test
    @DisplayName("writes the inventory in Flux's format: <ns>_<name>_<group>_<kind> with the API version")
    void inventory() {
      Outcome o = outcome().state(synced(DEPLOY_M)).state(synced(SERVICE_M)).state(synced(ROLE_M))
          .stale(OLD_CONFIG, "v1").build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      assertThat(s.inventory.entries).extracting(e -> e.id + "=" + e.v).containsExactlyInAnyOrder(
          "shop_web_apps_Deployment=v1",
          "shop_web__Service=v1",
          "_reader_rbac.authorization.k8s.io_ClusterRole=v1",
          "shop_legacy__ConfigMap=v1");
      assertThat(s.inventory.entries).extracting(e -> ResourceKey.fromInventoryId(e.id))
          .containsExactlyElementsOf(o.inventory().entries().keySet());
    }
  }

  @Nested
  @DisplayName("history")
  class History {
    @Test
    @DisplayName("a successful sync adds an entry with id 1, revision, time, result, summary and initiator")
    void firstEntry() {
      Outcome o = outcome().state(synced(DEPLOY_M)).state(synced(SERVICE_M))
          .sync(succeeded(new ApplyAction(DEPLOY, ApplyAction.Action.Created, ""),
              new ApplyAction(SERVICE, ApplyAction.Action.Unchanged, "")))
          .initiatedBy("alice@example.com")
          .build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      assertThat(s.history).hasSize(1);
      HistoryEntry e = s.history.get(0);
      assertThat(e.id).isEqualTo(1L);
      assertThat(e.revision).isEqualTo(REVISION);
      assertThat(e.deployedAt).isEqualTo(T1_TEXT);
      assertThat(e.result).isEqualTo("Succeeded");
      assertThat(e.message).isEqualTo("1 created, 0 configured, 1 unchanged, 0 pruned");
      assertThat(e.initiatedBy).isEqualTo("alice@example.com");
      assertThat(s.lastSyncedAt).isEqualTo(T1_TEXT);
    }

    @Test
    @DisplayName("entries get increasing ids and keep their initiators")
    void increasingIds() {
      Outcome auto = outcome().state(synced(DEPLOY_M)).sync(succeeded()).initiatedBy("automated").build();
      Outcome manual = outcome().state(synced(DEPLOY_M)).sync(succeeded()).initiatedBy("bob").build();

      ApplicationStatus s1 = at(T1).write(null, 1, auto, null);
      ApplicationStatus s2 = at(T2).write(s1, 1, manual, null);
      ApplicationStatus s3 = at(T2).write(s2, 1, auto, null);

      assertThat(s3.history).extracting(e -> e.id).containsExactly(1L, 2L, 3L);
      assertThat(s3.history).extracting(e -> e.initiatedBy).containsExactly("automated", "bob", "automated");
      assertThat(s3.history).extracting(e -> e.deployedAt).containsExactly(T1_TEXT, T2_TEXT, T2_TEXT);
      assertThat(s1.history).hasSize(1);
    }

    @Test
    @DisplayName("the next id follows the highest id, not the number of entries")
    void idFromMax() {
      ApplicationStatus old = new ApplicationStatus();
      old.history = new ArrayList<>(List.of(entry(5), entry(9)));

      ApplicationStatus s = at(T1).write(old, 1, outcome().state(synced(DEPLOY_M)).sync(succeeded()).build(), null);

      assertThat(s.history).extracting(e -> e.id).containsExactly(5L, 9L, 10L);
    }

    @Test
    @DisplayName("is capped at 10 entries, dropping the oldest")
    void capped() {
      ApplicationStatus old = new ApplicationStatus();
      old.history = new ArrayList<>();
      for (long i = 1; i <= StatusWriter.HISTORY_LIMIT; i++) old.history.add(entry(i));

      ApplicationStatus s = at(T1).write(old, 1, outcome().state(synced(DEPLOY_M)).sync(succeeded()).build(), null);

      assertThat(StatusWriter.HISTORY_LIMIT).isEqualTo(10);
      assertThat(s.history).hasSize(10);
      assertThat(s.history).extracting(e -> e.id).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
      assertThat(old.history).hasSize(10);
    }

    @Test
    @DisplayName("stays capped over many syncs")
    void cappedOverTime() {
      Outcome o = outcome().state(synced(DEPLOY_M)).sync(succeeded()).build();
      ApplicationStatus s = null;
      for (int i = 0; i < 25; i++) s = at(T1).write(s, 1, o, null);

      assertThat(s.history).hasSize(10);
      assertThat(s.history.get(0).id).isEqualTo(16L);
      assertThat(s.history.get(9).id).isEqualTo(25L);
    }

    @Test
    @DisplayName("a failed sync is recorded as Failed with the sync's message")
    void failedEntry() {
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .sync(failedSync("Deployment.apps/shop/web: denied")).build();

      ApplicationStatus s = at(T1).write(null, 1, o, null);

      assertThat(s.history).singleElement().satisfies(e -> {
        assertThat(e.result).isEqualTo("Failed");
        assertThat(e.message).isEqualTo("Deployment.apps/shop/web: denied");
      });
      assertThat(s.lastSyncedAt).isEqualTo(T1_TEXT);
    }

    @Test
    @DisplayName("no sync, no entry: history and lastSyncedAt stay as they were")
    void noSyncNoEntry() {
      ApplicationStatus synced = at(T1).write(null, 1,
          outcome().state(synced(DEPLOY_M)).sync(succeeded()).build(), null);

      ApplicationStatus compared = at(T2).write(synced, 1, steady(), null);
      ApplicationStatus failed = at(T2).write(compared, 1, failure(FailureReason.SourceFailed, "timeout"), null);

      assertThat(compared.history).hasSize(1);
      assertThat(compared.lastSyncedAt).isEqualTo(T1_TEXT);
      assertThat(failed.history).hasSize(1);
      assertThat(failed.lastSyncedAt).isEqualTo(T1_TEXT);
    }

    private HistoryEntry entry(long id) {
      HistoryEntry e = new HistoryEntry();
      e.id = id;
      e.revision = "r" + id;
      e.result = "Succeeded";
      return e;
    }
  }

  @Nested
  @DisplayName("appliedDigest")
  class AppliedDigest {
    private ApplicationStatus previous() {
      ApplicationStatus old = new ApplicationStatus();
      old.appliedDigest = "previous-digest";
      return old;
    }

    @Test
    @DisplayName("is the desired digest after a successful sync")
    void setOnSuccess() {
      ApplicationStatus s = at(T1).write(previous(), 1,
          outcome().state(synced(DEPLOY_M)).sync(succeeded()).build(), null);

      assertThat(s.appliedDigest).isEqualTo(DIGEST);
    }

    @Test
    @DisplayName("is kept after a failed sync")
    void keptOnFailedSync() {
      ApplicationStatus s = at(T1).write(previous(), 1,
          outcome().state(synced(DEPLOY_M)).sync(failedSync("boom")).build(), null);

      assertThat(s.appliedDigest).isEqualTo("previous-digest");
    }

    @Test
    @DisplayName("is kept when there was no sync, compared or not")
    void keptWithoutSync() {
      assertThat(at(T1).write(previous(), 1, steady(), null).appliedDigest).isEqualTo("previous-digest");
      assertThat(at(T1).write(previous(), 1, failure(FailureReason.SourceFailed, "x"), null).appliedDigest)
          .isEqualTo("previous-digest");
      assertThat(at(T1).write(null, 1, steady(), null).appliedDigest).isNull();
    }
  }

  @Nested
  @DisplayName("stability")
  class Stability {
    @Test
    @DisplayName("writing a steady outcome onto its own result, later, gives an equal status")
    void steadyIsStable() throws Exception {
      ApplicationStatus first = at(T1).write(null, 3, steady(), "req-1");
      String firstJson = json(first);

      ApplicationStatus second = at(T2).write(first, 3, steady(), null);

      assertThat(json(second)).isEqualTo(firstJson);
    }

    @Test
    @DisplayName("writing an out-of-sync outcome with stale objects onto its own result gives an equal status")
    void outOfSyncIsStable() throws Exception {
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .health(DEPLOY, Health.degraded("crash")).appHealth(Health.degraded("crash"))
          .stale(OLD_CONFIG, "v1").build();
      ApplicationStatus first = at(T1).write(null, 2, o, null);
      String firstJson = json(first);

      ApplicationStatus second = at(T2).write(first, 2, o, null);

      assertThat(json(second)).isEqualTo(firstJson);
    }

    @Test
    @DisplayName("writing the same failure onto its own result gives an equal status")
    void failureIsStable() throws Exception {
      ApplicationStatus synced = at(T1).write(null, 1,
          outcome().state(synced(DEPLOY_M)).sync(succeeded()).build(), null);
      Outcome f = failure(FailureReason.ClusterUnreachable, "connection refused");
      ApplicationStatus first = at(T2).write(synced, 1, f, null);
      String firstJson = json(first);

      ApplicationStatus second = at(T2.plusSeconds(60)).write(first, 1, f, null);

      assertThat(json(second)).isEqualTo(firstJson);
    }

    @Test
    @DisplayName("the same inputs give the same status")
    void deterministic() throws Exception {
      ApplicationStatus old = at(T1).write(null, 1, steady(), null);
      String oldJson = json(old);
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "x")).sync(succeeded()).build();

      ApplicationStatus a = at(T2).write(JSON.readValue(oldJson, ApplicationStatus.class), 2, o, "r");
      ApplicationStatus b = at(T2).write(JSON.readValue(oldJson, ApplicationStatus.class), 2, o, "r");

      assertThat(json(a)).isEqualTo(json(b));
    }
  }
}
