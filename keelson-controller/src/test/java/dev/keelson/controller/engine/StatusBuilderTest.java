package dev.keelson.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.ApplicationStatus.PendingApproval;
import dev.keelson.api.v1alpha1.ApplicationStatus.Pin;
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

class StatusBuilderTest {
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

  private static StatusBuilder at(Instant instant) {
    return new StatusBuilder(Clock.fixed(instant, ZoneOffset.UTC));
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

  /** An operation on the current desired state (REVISION, DIGEST) in the given phase. */
  private static OperationState operation(String phase, String message) {
    OperationState op = new OperationState();
    op.id = "op-1";
    op.phase = phase;
    op.message = message;
    op.trigger = "automated";
    op.initiatedBy = "automated";
    op.revision = REVISION;
    op.digest = DIGEST;
    return op;
  }

  /** A history entry as the engine hands it over: everything but the id. */
  private static HistoryEntry audit(String action, String result, String by, String message) {
    HistoryEntry e = new HistoryEntry();
    e.action = action;
    e.result = result;
    e.initiatedBy = by;
    e.message = message;
    e.revision = REVISION;
    e.deployedAt = T1_TEXT;
    return e;
  }

  /** The orchestration part of an outcome: no operation, no gate, nothing handled unless told. */
  private static final class Orch {
    private OperationState operation;
    private boolean finished;
    private PendingApproval pending;
    private Pin pin;
    private final List<HistoryEntry> audit = new ArrayList<>();
    private Orchestration.Gate gate;
    private Orchestration.Handled handled = Orchestration.Handled.NONE;

    Orch operation(OperationState op) {
      operation = op;
      return this;
    }

    /** The operation ended in this reconcile. */
    Orch finished(OperationState op) {
      operation = op;
      finished = true;
      return this;
    }

    Orch pending(PendingApproval p) {
      pending = p;
      return this;
    }

    Orch pin(Pin p) {
      pin = p;
      return this;
    }

    Orch audit(HistoryEntry... entries) {
      audit.addAll(List.of(entries));
      return this;
    }

    Orch gate(String reason, String message, boolean stalled) {
      gate = new Orchestration.Gate(reason, message, stalled);
      return this;
    }

    Orch handled(Orchestration.Handled h) {
      handled = h;
      return this;
    }

    Orchestration build() {
      return new Orchestration(operation, finished, pending, pin, List.copyOf(audit), gate, handled, null, List.of());
    }
  }

  private static Orch orch() {
    return new Orch();
  }

  /** A reconcile in which a sync operation succeeded, with its history entry. */
  private static Orch syncSucceeded(String by) {
    OperationState op = operation("Succeeded", "successfully synced: 1 object(s), 0 pruned, 0 hook(s) completed");
    op.initiatedBy = by;
    return orch().finished(op).audit(audit("Sync", "Succeeded", by, op.message));
  }

  /** An outcome of a comparison, with every desired object Healthy unless told otherwise. */
  private static final class OutcomeBuilder {
    private final List<ResourceState> states = new ArrayList<>();
    private final List<Pruner.Stale> stale = new ArrayList<>();
    private final Map<ResourceKey, Health> health = new LinkedHashMap<>();
    private Orchestration orchestration;
    private Health appHealth = Health.healthy();

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

    OutcomeBuilder orchestration(Orch o) {
      orchestration = o.build();
      return this;
    }

    Outcome build() {
      List<Manifest> objects = states.stream().map(ResourceState::desired).toList();
      Map<ResourceKey, String> inv = new LinkedHashMap<>();
      objects.forEach(m -> inv.put(m.key(), m.version()));
      stale.forEach(s -> inv.put(s.key(), ResourceKey.versionOf(s.apiVersion())));
      DesiredState desired = new DesiredState(objects, REVISION, GIT_REF, "tree-1", DIGEST, "directory");
      return new Outcome(desired, List.copyOf(states), List.copyOf(stale), null, Map.copyOf(health), appHealth,
          Inventory.of(inv), null, orchestration);
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
      ApplicationStatus s = at(T1).build(null, 4, steady(), null);

      assertThat(s.conditions).extracting(Condition::getType)
          .containsExactly(StatusBuilder.READY, StatusBuilder.RECONCILING, StatusBuilder.STALLED);
      Condition ready = condition(s, StatusBuilder.READY);
      assertThat(ready.getStatus()).isEqualTo("True");
      assertThat(ready.getReason()).isEqualTo("ReconciliationSucceeded");
      assertThat(ready.getMessage()).contains(REVISION);
      assertThat(condition(s, StatusBuilder.RECONCILING).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusBuilder.RECONCILING).getReason()).isEqualTo("Idle");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusBuilder.STALLED).getReason()).isEqualTo("NotStalled");
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

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      Condition ready = condition(s, StatusBuilder.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("OutOfSync");
      assertThat(ready.getMessage()).isEqualTo("2 object(s) out of sync, 1 require pruning");
      assertThat(s.sync.status).isEqualTo("OutOfSync");
      assertThat(condition(s, StatusBuilder.RECONCILING).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
    }

    @Test
    @DisplayName("out of sync without stale objects: the message does not mention pruning")
    void outOfSyncNoPruning() {
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs")).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      assertThat(condition(s, StatusBuilder.READY).getMessage()).isEqualTo("1 object(s) out of sync");
    }

    @Test
    @DisplayName("only stale objects left: out of sync with 0 objects and the pruning count")
    void onlyStale() {
      Outcome o = outcome().state(synced(DEPLOY_M)).stale(OLD_CONFIG, "v1").stale(ROLE, "rbac.authorization.k8s.io/v1")
          .build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      assertThat(s.sync.status).isEqualTo("OutOfSync");
      assertThat(condition(s, StatusBuilder.READY).getReason()).isEqualTo("OutOfSync");
      assertThat(condition(s, StatusBuilder.READY).getMessage()).isEqualTo("0 object(s) out of sync, 2 require pruning");
    }

    @Test
    @DisplayName("in sync but Progressing: Ready False and Reconciling True, both with reason Progressing")
    void progressing() {
      Outcome o = outcome().state(synced(DEPLOY_M))
          .health(DEPLOY, Health.progressing("1 of 3 replicas updated"))
          .appHealth(Health.progressing("1 of 3 replicas updated"))
          .build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      Condition ready = condition(s, StatusBuilder.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("Progressing");
      assertThat(ready.getMessage()).isEqualTo("1 of 3 replicas updated");
      Condition reconciling = condition(s, StatusBuilder.RECONCILING);
      assertThat(reconciling.getStatus()).isEqualTo("True");
      assertThat(reconciling.getReason()).isEqualTo("Progressing");
      assertThat(reconciling.getMessage()).isEqualTo("1 of 3 replicas updated");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
      assertThat(s.health.status).isEqualTo("Progressing");
      assertThat(s.sync.status).isEqualTo("Synced");
    }

    @Test
    @DisplayName("in sync but Degraded: Ready False with the health as reason and message, not reconciling")
    void degraded() {
      Outcome withMessage = outcome().state(synced(DEPLOY_M)).appHealth(Health.degraded("CrashLoopBackOff")).build();
      Outcome withoutMessage = outcome().state(synced(DEPLOY_M)).appHealth(Health.degraded("")).build();

      ApplicationStatus s = at(T1).build(null, 1, withMessage, null);
      ApplicationStatus bare = at(T1).build(null, 1, withoutMessage, null);

      assertThat(condition(s, StatusBuilder.READY).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusBuilder.READY).getReason()).isEqualTo("Degraded");
      assertThat(condition(s, StatusBuilder.READY).getMessage()).isEqualTo("CrashLoopBackOff");
      assertThat(condition(s, StatusBuilder.RECONCILING).getStatus()).isEqualTo("False");
      assertThat(condition(bare, StatusBuilder.READY).getMessage()).isEqualTo("health is Degraded");
      assertThat(bare.health.message).isNull();
    }

    @Test
    @DisplayName("transient failure: Ready False and Reconciling True with the failure as reason, not Stalled")
    void transientFailure() {
      ApplicationStatus s = at(T1).build(null, 1,
          failure(FailureReason.SourceFailed, "fetch https://git.example.com/x.git: connection refused"), null);

      Condition ready = condition(s, StatusBuilder.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("SourceFailed");
      assertThat(ready.getMessage()).isEqualTo("fetch https://git.example.com/x.git: connection refused");
      Condition reconciling = condition(s, StatusBuilder.RECONCILING);
      assertThat(reconciling.getStatus()).isEqualTo("True");
      assertThat(reconciling.getReason()).isEqualTo("SourceFailed");
      assertThat(reconciling.getMessage()).isEqualTo(ready.getMessage());
      Condition stalled = condition(s, StatusBuilder.STALLED);
      assertThat(stalled.getStatus()).isEqualTo("False");
      assertThat(stalled.getReason()).isEqualTo("NotStalled");
      assertThat(stalled.getMessage()).isNull();
    }

    @Test
    @DisplayName("non-transient failure: Stalled True with the failure as reason, not Reconciling")
    void permanentFailure() {
      ApplicationStatus s = at(T1).build(null, 1,
          failure(FailureReason.RenderFailed, "deploy/web.yaml: mapping values are not allowed here"), null);

      assertThat(condition(s, StatusBuilder.READY).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusBuilder.READY).getReason()).isEqualTo("RenderFailed");
      Condition stalled = condition(s, StatusBuilder.STALLED);
      assertThat(stalled.getStatus()).isEqualTo("True");
      assertThat(stalled.getReason()).isEqualTo("RenderFailed");
      assertThat(stalled.getMessage()).isEqualTo("deploy/web.yaml: mapping values are not allowed here");
      Condition reconciling = condition(s, StatusBuilder.RECONCILING);
      assertThat(reconciling.getStatus()).isEqualTo("False");
      assertThat(reconciling.getReason()).isEqualTo("Idle");
      assertThat(reconciling.getMessage()).isNull();
    }

    @Test
    @DisplayName("the failure's own transient flag decides, not the reason's default")
    void explicitTransience() {
      Outcome retried = Outcome.failed(new ReconcileFailure(FailureReason.SyncFailed, "waiting for CRDs", true));
      Outcome stalled = Outcome.failed(new ReconcileFailure(FailureReason.ClusterUnreachable, "forbidden", false));

      ApplicationStatus a = at(T1).build(null, 1, retried, null);
      ApplicationStatus b = at(T1).build(null, 1, stalled, null);

      assertThat(condition(a, StatusBuilder.RECONCILING).getStatus()).isEqualTo("True");
      assertThat(condition(a, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
      assertThat(condition(b, StatusBuilder.RECONCILING).getStatus()).isEqualTo("False");
      assertThat(condition(b, StatusBuilder.STALLED).getStatus()).isEqualTo("True");
    }

    @Test
    @DisplayName("a failed operation on the current desired state: Ready False and Stalled True with reason SyncFailed and its message")
    void syncFailure() {
      OperationState op = operation("Failed", "Deployment.apps/shop/web: admission webhook denied the request");
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .orchestration(orch().finished(op)).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      Condition ready = condition(s, StatusBuilder.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("SyncFailed");
      assertThat(ready.getMessage()).isEqualTo("Deployment.apps/shop/web: admission webhook denied the request");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("True");
      assertThat(condition(s, StatusBuilder.STALLED).getReason()).isEqualTo("SyncFailed");
      assertThat(condition(s, StatusBuilder.RECONCILING).getStatus()).isEqualTo("False");
    }

    @Test
    @DisplayName("the failure stands in later reconciles, while the failed operation is on the current desired state")
    void syncFailureStands() {
      OperationState op = operation("Failed", "denied");
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .orchestration(orch().operation(op)).build();

      ApplicationStatus s = at(T2).build(null, 1, o, null);

      assertThat(condition(s, StatusBuilder.READY).getReason()).isEqualTo("SyncFailed");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("True");
    }

    @Test
    @DisplayName("a failed operation with a retry scheduled: Reconciling True instead of Stalled, the message naming the retry")
    void syncFailureRetrying() {
      OperationState op = operation("Failed", "denied");
      op.retryCount = 1;
      op.nextRetryAt = "2025-03-01T10:00:20Z";
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .orchestration(orch().finished(op)).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      Condition ready = condition(s, StatusBuilder.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("SyncFailed");
      assertThat(ready.getMessage()).isEqualTo("denied (retry 2 at 2025-03-01T10:00:20Z)");
      assertThat(condition(s, StatusBuilder.RECONCILING).getStatus()).isEqualTo("True");
      assertThat(condition(s, StatusBuilder.RECONCILING).getReason()).isEqualTo("SyncFailed");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
    }

    @Test
    @DisplayName("a failed operation on another desired state, or a failed dry run, is no sync failure")
    void staleOrDryRunFailure() {
      OperationState older = operation("Failed", "denied");
      older.digest = "digest-0";
      OperationState dryRun = operation("Failed", "denied");
      dryRun.dryRun = true;

      for (OperationState op : List.of(older, dryRun)) {
        Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
            .orchestration(orch().operation(op)).build();

        ApplicationStatus s = at(T1).build(null, 1, o, null);

        assertThat(condition(s, StatusBuilder.READY).getReason()).isEqualTo("OutOfSync");
        assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
      }
    }

    @Test
    @DisplayName("observedGeneration is set on the status and on every condition")
    void observedGeneration() {
      ApplicationStatus s = at(T1).build(null, 7, steady(), null);
      ApplicationStatus f = at(T1).build(s, 8, failure(FailureReason.InvalidSpec, "spec.interval: bad"), null);

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
      ApplicationStatus s = at(T1).build(null, 1, steady(), null);

      assertThat(s.conditions).extracting(Condition::getLastTransitionTime).containsOnly(T1_TEXT);
    }

    @Test
    @DisplayName("is kept while a condition's status does not change")
    void keptWhileUnchanged() {
      ApplicationStatus first = at(T1).build(null, 1, steady(), null);

      ApplicationStatus second = at(T2).build(first, 2, steady(), null);

      assertThat(second.conditions).extracting(Condition::getLastTransitionTime).containsOnly(T1_TEXT);
    }

    @Test
    @DisplayName("is kept when only the reason or message changes, the status staying the same")
    void keptWhenOnlyReasonChanges() {
      Outcome outOfSync = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs")).build();
      ApplicationStatus first = at(T1).build(null, 1, outOfSync, null);

      ApplicationStatus second = at(T2).build(first, 1, failure(FailureReason.SourceFailed, "timeout"), null);

      Condition ready = condition(second, StatusBuilder.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("SourceFailed");
      assertThat(ready.getLastTransitionTime()).isEqualTo(T1_TEXT);
    }

    @Test
    @DisplayName("moves to the clock's time for exactly the conditions whose status changes")
    void updatedOnChange() {
      ApplicationStatus first = at(T1).build(null, 1, steady(), null);

      ApplicationStatus second = at(T2).build(first, 1, failure(FailureReason.SourceFailed, "timeout"), null);

      assertThat(condition(second, StatusBuilder.READY).getLastTransitionTime()).isEqualTo(T2_TEXT);
      assertThat(condition(second, StatusBuilder.RECONCILING).getLastTransitionTime()).isEqualTo(T2_TEXT);
      assertThat(condition(second, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
      assertThat(condition(second, StatusBuilder.STALLED).getLastTransitionTime()).isEqualTo(T1_TEXT);
    }

    @Test
    @DisplayName("moves again when the status changes back")
    void changesBack() {
      ApplicationStatus first = at(T1).build(null, 1, failure(FailureReason.SourceFailed, "timeout"), null);
      ApplicationStatus second = at(T2).build(first, 1, steady(), null);

      assertThat(condition(first, StatusBuilder.READY).getStatus()).isEqualTo("False");
      assertThat(condition(second, StatusBuilder.READY).getStatus()).isEqualTo("True");
      assertThat(condition(second, StatusBuilder.READY).getLastTransitionTime()).isEqualTo(T2_TEXT);
      assertThat(condition(second, StatusBuilder.RECONCILING).getLastTransitionTime()).isEqualTo(T2_TEXT);
      assertThat(condition(second, StatusBuilder.STALLED).getLastTransitionTime()).isEqualTo(T1_TEXT);
    }

    @Test
    @DisplayName("an old condition without a time gets the clock's time")
    void missingOldTime() {
      ApplicationStatus first = at(T1).build(null, 1, steady(), null);
      first.conditions.forEach(c -> c.setLastTransitionTime(null));

      ApplicationStatus second = at(T2).build(first, 1, steady(), null);

      assertThat(second.conditions).extracting(Condition::getLastTransitionTime).containsOnly(T2_TEXT);
    }
  }

  @Nested
  @DisplayName("sync status")
  class SyncStatus {
    @Test
    @DisplayName("records the revision, the ref and the source tree that were compared")
    void compared() {
      ApplicationStatus s = at(T1).build(null, 1, steady(), null);

      assertThat(s.sync.revision).isEqualTo(REVISION);
      assertThat(s.sync.ref).isEqualTo(GIT_REF);
      assertThat(s.sourceTreeId).isEqualTo("tree-1");
    }

    @Test
    @DisplayName("is Unknown when nothing was compared, keeping the previous revision, ref, resources, inventory and health")
    void unknownKeepsPrevious() throws Exception {
      ApplicationStatus previous = at(T1).build(null, 1, steady(), null);
      String previousResources = JSON.writeValueAsString(previous.resources);
      String previousInventory = JSON.writeValueAsString(previous.inventory);

      ApplicationStatus s = at(T2).build(previous, 1, failure(FailureReason.SourceFailed, "timeout"), null);

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
      ApplicationStatus s = at(T1).build(null, 1, failure(FailureReason.InvalidSpec, "spec.source.repoURL is required"),
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
      ApplicationStatus first = at(T1).build(null, 1, steady(), "2025-03-01T09:59:00Z");
      ApplicationStatus second = at(T2).build(first, 1, steady(), null);
      ApplicationStatus third = at(T2).build(second, 1, steady(), "2025-03-01T10:05:00Z");

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

      ApplicationStatus s = at(T1).build(null, 1, o, null);

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

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      assertThat(s.resources).extracting(r -> r.status).containsOnly("OutOfSync");
      assertThat(resource(s, SERVICE).message).isEqualTo("managed by keelson/other");
      assertThat(condition(s, StatusBuilder.READY).getMessage()).isEqualTo("3 object(s) out of sync");
    }

    @Test
    @DisplayName("a Synced object's leftover message is not shown")
    void syncedMessageDropped() {
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.Synced, "was out of sync")).build();

      assertThat(resource(at(T1).build(null, 1, o, null), DEPLOY).message).isNull();
    }

    @Test
    @DisplayName("an object without assessed health has no health entry")
    void noHealth() {
      Outcome o = new Outcome(new DesiredState(List.of(DEPLOY_M), REVISION, GIT_REF, "t", DIGEST, "directory"),
          List.of(synced(DEPLOY_M)), List.of(), null, Map.of(), Health.healthy(),
          Inventory.of(Map.of(DEPLOY, "v1")), null, null);

      assertThat(resource(at(T1).build(null, 1, o, null), DEPLOY).health).isNull();
    }

    @Test
    @DisplayName("lists stale objects after the desired ones, OutOfSync with requiresPruning")
    void staleObjects() {
      Outcome o = outcome().state(synced(DEPLOY_M))
          .stale(OLD_CONFIG, "v1")
          .stale(new ResourceKey("batch", "CronJob", "shop", "cleanup"), "batch/v1")
          .build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

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

      ApplicationStatus s = at(T1).build(null, 1, o, null);

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
    @DisplayName("operator actions and deployments are capped apart: many suspends never push out a sync")
    void cappedByKind() {
      ApplicationStatus s = at(T1).build(null, 1,
          outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")).build(), null);
      for (int i = 0; i < StatusBuilder.HISTORY_LIMIT + 5; i++) {
        s = at(T2).build(s, 1, outcome().state(synced(DEPLOY_M))
            .orchestration(orch().audit(audit("Suspend", "Done", "carol", "syncing suspended"))).build(), null);
      }

      assertThat(s.history).filteredOn(e -> "Sync".equals(e.action)).hasSize(1);
      assertThat(s.history).filteredOn(e -> "Suspend".equals(e.action)).hasSize(StatusBuilder.HISTORY_LIMIT);
    }

    @Test
    @DisplayName("an audit entry is appended with id 1, as the engine gave it; a finished operation sets lastSyncedAt")
    void firstEntry() {
      Outcome o = outcome().state(synced(DEPLOY_M)).state(synced(SERVICE_M))
          .orchestration(syncSucceeded("alice@example.com")).build();

      ApplicationStatus s = at(T2).build(null, 1, o, null);

      assertThat(s.history).hasSize(1);
      HistoryEntry e = s.history.get(0);
      assertThat(e.id).isEqualTo(1L);
      assertThat(e.action).isEqualTo("Sync");
      assertThat(e.revision).isEqualTo(REVISION);
      assertThat(e.deployedAt).isEqualTo(T1_TEXT);
      assertThat(e.result).isEqualTo("Succeeded");
      assertThat(e.message).isEqualTo("successfully synced: 1 object(s), 0 pruned, 0 hook(s) completed");
      assertThat(e.initiatedBy).isEqualTo("alice@example.com");
      assertThat(s.lastSyncedAt).isEqualTo(T2_TEXT);
    }

    @Test
    @DisplayName("entries get increasing ids, within a reconcile and across reconciles, and keep their initiators")
    void increasingIds() {
      Outcome auto = outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")).build();
      Outcome approved = outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("bob")
          .audit(audit("Approve", "Approved", "bob", "approved by bob"))).build();
      Outcome again = outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")).build();

      ApplicationStatus s1 = at(T1).build(null, 1, auto, null);
      ApplicationStatus s2 = at(T2).build(s1, 1, approved, null);
      ApplicationStatus s3 = at(T2).build(s2, 1, again, null);

      assertThat(s3.history).extracting(e -> e.id).containsExactly(1L, 2L, 3L, 4L);
      assertThat(s3.history).extracting(e -> e.action + " by " + e.initiatedBy)
          .containsExactly("Sync by automated", "Sync by bob", "Approve by bob", "Sync by automated");
      assertThat(s1.history).hasSize(1);
      assertThat(s2.history).hasSize(3);
    }

    @Test
    @DisplayName("the next id follows the highest id, not the number of entries")
    void idFromMax() {
      ApplicationStatus old = new ApplicationStatus();
      old.history = new ArrayList<>(List.of(entry(5), entry(9)));

      ApplicationStatus s = at(T1).build(old, 1,
          outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")).build(), null);

      assertThat(s.history).extracting(e -> e.id).containsExactly(5L, 9L, 10L);
    }

    @Test
    @DisplayName("is capped at 10 entries, dropping the oldest")
    void capped() {
      ApplicationStatus old = new ApplicationStatus();
      old.history = new ArrayList<>();
      for (long i = 1; i <= StatusBuilder.HISTORY_LIMIT; i++) old.history.add(entry(i));

      ApplicationStatus s = at(T1).build(old, 1,
          outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")).build(), null);

      assertThat(StatusBuilder.HISTORY_LIMIT).isEqualTo(10);
      assertThat(s.history).hasSize(10);
      assertThat(s.history).extracting(e -> e.id).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
      assertThat(old.history).hasSize(10);
    }

    @Test
    @DisplayName("stays capped over many syncs")
    void cappedOverTime() {
      ApplicationStatus s = null;
      for (int i = 0; i < 25; i++) {
        s = at(T1).build(s, 1, outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")).build(), null);
      }

      assertThat(s.history).hasSize(10);
      assertThat(s.history).extracting(e -> e.id).containsExactly(16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L);
    }

    @Test
    @DisplayName("a failed operation's entry is recorded as Failed with its message, and sets lastSyncedAt")
    void failedEntry() {
      OperationState op = operation("Failed", "Deployment.apps/shop/web: denied");
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .orchestration(orch().finished(op).audit(audit("Sync", "Failed", "automated", op.message))).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      assertThat(s.history).singleElement().satisfies(e -> {
        assertThat(e.result).isEqualTo("Failed");
        assertThat(e.message).isEqualTo("Deployment.apps/shop/web: denied");
      });
      assertThat(s.lastSyncedAt).isEqualTo(T1_TEXT);
    }

    @Test
    @DisplayName("an operator action without an operation is recorded, and does not set lastSyncedAt")
    void operatorAction() {
      Outcome o = outcome().state(synced(DEPLOY_M))
          .orchestration(orch().audit(audit("Terminate", "Refused", "carol", "no operation was running"))).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      assertThat(s.history).singleElement().satisfies(e -> {
        assertThat(e.id).isEqualTo(1L);
        assertThat(e.action).isEqualTo("Terminate");
        assertThat(e.result).isEqualTo("Refused");
      });
      assertThat(s.lastSyncedAt).isNull();
    }

    @Test
    @DisplayName("a finished dry run does not set lastSyncedAt")
    void dryRun() {
      OperationState op = operation("Succeeded", "ok");
      op.dryRun = true;

      ApplicationStatus s = at(T1).build(null, 1,
          outcome().state(synced(DEPLOY_M)).orchestration(orch().finished(op)).build(), null);

      assertThat(s.history).isEmpty();
      assertThat(s.lastSyncedAt).isNull();
    }

    @Test
    @DisplayName("no entry, no change: history and lastSyncedAt stay as they were")
    void noSyncNoEntry() {
      ApplicationStatus synced = at(T1).build(null, 1,
          outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")).build(), null);

      ApplicationStatus idle = at(T2).build(synced, 1,
          outcome().state(synced(DEPLOY_M)).orchestration(orch().operation(synced.operationState)).build(), null);
      ApplicationStatus compared = at(T2).build(idle, 1, steady(), null);
      ApplicationStatus failed = at(T2).build(compared, 1, failure(FailureReason.SourceFailed, "timeout"), null);

      for (ApplicationStatus s : List.of(idle, compared, failed)) {
        assertThat(s.history).extracting(e -> e.id).containsExactly(1L);
        assertThat(s.lastSyncedAt).isEqualTo(T1_TEXT);
      }
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

    private String afterFinished(OperationState op) {
      return at(T1).build(previous(), 1, outcome().state(synced(DEPLOY_M)).orchestration(orch().finished(op)).build(),
          null).appliedDigest;
    }

    @Test
    @DisplayName("is the operation's digest after it finished Succeeded")
    void setOnSuccess() {
      assertThat(afterFinished(operation("Succeeded", "ok"))).isEqualTo(DIGEST);
    }

    @Test
    @DisplayName("is kept after a failed or terminated operation")
    void keptOnFailedSync() {
      assertThat(afterFinished(operation("Failed", "boom"))).isEqualTo("previous-digest");
      assertThat(afterFinished(operation("Terminated", "terminated by carol"))).isEqualTo("previous-digest");
    }

    @Test
    @DisplayName("is kept after a successful dry run or a sync of selected resources only")
    void keptOnPartialSync() {
      OperationState dryRun = operation("Succeeded", "ok");
      dryRun.dryRun = true;
      OperationState selective = operation("Succeeded", "ok");
      selective.resources = List.of("apps:Deployment:web");

      assertThat(afterFinished(dryRun)).isEqualTo("previous-digest");
      assertThat(afterFinished(selective)).isEqualTo("previous-digest");
    }

    @Test
    @DisplayName("is kept while an operation runs, and when a succeeded operation did not finish in this reconcile")
    void keptUnlessFinishedNow() {
      OperationState running = operation("Running", "applying");
      running.syncPhase = "Sync";
      running.wave = 0;
      OperationState earlier = operation("Succeeded", "ok");
      earlier.digest = "digest-0";

      for (OperationState op : List.of(running, earlier)) {
        ApplicationStatus s = at(T1).build(previous(), 1,
            outcome().state(synced(DEPLOY_M)).orchestration(orch().operation(op)).build(), null);
        assertThat(s.appliedDigest).isEqualTo("previous-digest");
      }
    }

    @Test
    @DisplayName("is kept when there was no operation, compared or not")
    void keptWithoutSync() {
      assertThat(at(T1).build(previous(), 1, steady(), null).appliedDigest).isEqualTo("previous-digest");
      assertThat(at(T1).build(previous(), 1, failure(FailureReason.SourceFailed, "x"), null).appliedDigest)
          .isEqualTo("previous-digest");
      assertThat(at(T1).build(null, 1, steady(), null).appliedDigest).isNull();
    }
  }

  @Nested
  @DisplayName("operations, operator requests and gates")
  class Operations {
    @Test
    @DisplayName("echoes the tokens of the requests handled, and keeps them when none is handled")
    void handledTokens() {
      var handled = new Orchestration.Handled("sync-1", "approve-1", "rollback-1", "terminate-1", "suspend-1");
      ApplicationStatus first = at(T1).build(null, 1, outcome().state(synced(DEPLOY_M))
          .orchestration(orch().handled(handled)).build(), null);
      ApplicationStatus second = at(T2).build(first, 1, outcome().state(synced(DEPLOY_M))
          .orchestration(orch()).build(), null);

      for (ApplicationStatus s : List.of(first, second)) {
        assertThat(s.lastHandledSyncRequest).isEqualTo("sync-1");
        assertThat(s.lastHandledApproval).isEqualTo("approve-1");
        assertThat(s.lastHandledRollback).isEqualTo("rollback-1");
        assertThat(s.lastHandledTerminate).isEqualTo("terminate-1");
        assertThat(s.lastHandledSuspendChange).isEqualTo("suspend-1");
      }
    }

    @Test
    @DisplayName("writes the operation, the pending approval and the pin; an orchestration without them clears them")
    void operationPendingAndPin() {
      OperationState op = operation("Running", "applying");
      PendingApproval pending = new PendingApproval();
      pending.revision = REVISION;
      pending.digest = DIGEST;
      Pin pin = new Pin();
      pin.historyId = 3L;
      pin.revision = "0ld";
      Outcome o = outcome().state(synced(DEPLOY_M)).orchestration(orch().operation(op).pending(pending).pin(pin)).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);
      ApplicationStatus cleared = at(T2).build(s, 1, outcome().state(synced(DEPLOY_M)).orchestration(orch()).build(), null);

      assertThat(s.operationState).isSameAs(op);
      assertThat(s.pendingApproval).isSameAs(pending);
      assertThat(s.pinned).isSameAs(pin);
      assertThat(cleared.operationState).isNull();
      assertThat(cleared.pendingApproval).isNull();
      assertThat(cleared.pinned).isNull();
    }

    @Test
    @DisplayName("a running operation: Ready False and Reconciling True with reason OperationRunning naming phase and wave")
    void running() {
      OperationState op = operation("Running", "waiting for wave 2: Deployment.apps/shop/web (Progressing)");
      op.syncPhase = "Sync";
      op.wave = 2;
      Outcome o = outcome().state(synced(DEPLOY_M)).orchestration(orch().operation(op)).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      Condition ready = condition(s, StatusBuilder.READY);
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("OperationRunning");
      assertThat(ready.getMessage())
          .isEqualTo("Sync phase, wave 2: waiting for wave 2: Deployment.apps/shop/web (Progressing)");
      assertThat(condition(s, StatusBuilder.RECONCILING).getStatus()).isEqualTo("True");
      assertThat(condition(s, StatusBuilder.RECONCILING).getReason()).isEqualTo("OperationRunning");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
    }

    @Test
    @DisplayName("suspended: Ready False with reason Suspended even in sync, neither reconciling nor stalled; status.suspended set")
    void suspended() {
      Outcome o = outcome().state(synced(DEPLOY_M))
          .orchestration(orch().gate("Suspended", "syncing is suspended (spec.suspend)", false)).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);
      ApplicationStatus resumed = at(T2).build(s, 1, outcome().state(synced(DEPLOY_M)).orchestration(orch()).build(), null);

      assertThat(condition(s, StatusBuilder.READY).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusBuilder.READY).getReason()).isEqualTo("Suspended");
      assertThat(condition(s, StatusBuilder.READY).getMessage()).isEqualTo("syncing is suspended (spec.suspend)");
      assertThat(condition(s, StatusBuilder.RECONCILING).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
      assertThat(s.suspended).isTrue();
      assertThat(resumed.suspended).isNull();
      assertThat(condition(resumed, StatusBuilder.READY).getReason()).isEqualTo("ReconciliationSucceeded");
    }

    @Test
    @DisplayName("awaiting approval: Ready False with reason AwaitingApproval, not stalled")
    void awaitingApproval() {
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .orchestration(orch().gate("AwaitingApproval", "revision " + REVISION + " awaits approval", false)).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      assertThat(condition(s, StatusBuilder.READY).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusBuilder.READY).getReason()).isEqualTo("AwaitingApproval");
      assertThat(condition(s, StatusBuilder.READY).getMessage()).contains("awaits approval");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
    }

    @Test
    @DisplayName("a closed sync window: reason SyncWindowBlocked while out of sync; an app in sync stays Ready")
    void syncWindow() {
      Orch blocked = orch().gate("SyncWindowBlocked", "deny window 22:00-06:00 is active", false);
      Outcome outOfSync = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .orchestration(blocked).build();
      Outcome inSync = outcome().state(synced(DEPLOY_M)).orchestration(blocked).build();

      ApplicationStatus s = at(T1).build(null, 1, outOfSync, null);
      ApplicationStatus ok = at(T1).build(null, 1, inSync, null);

      assertThat(condition(s, StatusBuilder.READY).getReason()).isEqualTo("SyncWindowBlocked");
      assertThat(condition(s, StatusBuilder.READY).getMessage()).isEqualTo("deny window 22:00-06:00 is active");
      assertThat(condition(s, StatusBuilder.STALLED).getStatus()).isEqualTo("False");
      assertThat(condition(ok, StatusBuilder.READY).getStatus()).isEqualTo("True");
      assertThat(condition(ok, StatusBuilder.READY).getReason()).isEqualTo("ReconciliationSucceeded");
    }

    @Test
    @DisplayName("a dependency cycle: Ready False and Stalled True with reason DependencyCycle, even in sync")
    void dependencyCycle() {
      Outcome o = outcome().state(synced(DEPLOY_M))
          .orchestration(orch().gate("DependencyCycle", "dependency cycle: shop/a -> shop/b -> shop/a", true)).build();

      ApplicationStatus s = at(T1).build(null, 1, o, null);

      assertThat(condition(s, StatusBuilder.READY).getStatus()).isEqualTo("False");
      assertThat(condition(s, StatusBuilder.READY).getReason()).isEqualTo("DependencyCycle");
      Condition stalled = condition(s, StatusBuilder.STALLED);
      assertThat(stalled.getStatus()).isEqualTo("True");
      assertThat(stalled.getReason()).isEqualTo("DependencyCycle");
      assertThat(stalled.getMessage()).isEqualTo("dependency cycle: shop/a -> shop/b -> shop/a");
      assertThat(condition(s, StatusBuilder.RECONCILING).getStatus()).isEqualTo("False");
    }

    @Test
    @DisplayName("an outcome without orchestration keeps every operation field of the previous status")
    void keptWithoutOrchestration() throws Exception {
      PendingApproval pending = new PendingApproval();
      pending.revision = REVISION;
      Pin pin = new Pin();
      pin.historyId = 1L;
      pin.revision = REVISION;
      Outcome o = outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")
          .pending(pending).pin(pin).gate("Suspended", "suspended", false)
          .handled(new Orchestration.Handled("sync-1", "approve-1", "rollback-1", "terminate-1", "suspend-1"))).build();
      ApplicationStatus before = at(T1).build(null, 1, o, null);
      String fields = JSON.writeValueAsString(operatorFields(before));

      ApplicationStatus compared = at(T2).build(before, 1, steady(), null);
      ApplicationStatus failed = at(T2).build(before, 1, failure(FailureReason.SourceFailed, "timeout"), null);

      assertThat(before.operationState).isNotNull();
      assertThat(before.appliedDigest).isEqualTo(DIGEST);
      assertThat(JSON.writeValueAsString(operatorFields(compared))).isEqualTo(fields);
      assertThat(JSON.writeValueAsString(operatorFields(failed))).isEqualTo(fields);
    }

    private List<Object> operatorFields(ApplicationStatus s) {
      return java.util.Arrays.asList(s.operationState, s.pendingApproval, s.pinned, s.suspended, s.history,
          s.appliedDigest, s.lastSyncedAt, s.lastHandledSyncRequest, s.lastHandledApproval, s.lastHandledRollback,
          s.lastHandledTerminate, s.lastHandledSuspendChange);
    }
  }

  @Nested
  @DisplayName("stability")
  class Stability {
    @Test
    @DisplayName("writing a steady outcome onto its own result, later, gives an equal status")
    void steadyIsStable() throws Exception {
      ApplicationStatus first = at(T1).build(null, 3, steady(), "req-1");
      String firstJson = json(first);

      ApplicationStatus second = at(T2).build(first, 3, steady(), null);

      assertThat(json(second)).isEqualTo(firstJson);
    }

    @Test
    @DisplayName("writing an out-of-sync outcome with stale objects onto its own result gives an equal status")
    void outOfSyncIsStable() throws Exception {
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "differs"))
          .health(DEPLOY, Health.degraded("crash")).appHealth(Health.degraded("crash"))
          .stale(OLD_CONFIG, "v1").build();
      ApplicationStatus first = at(T1).build(null, 2, o, null);
      String firstJson = json(first);

      ApplicationStatus second = at(T2).build(first, 2, o, null);

      assertThat(json(second)).isEqualTo(firstJson);
    }

    @Test
    @DisplayName("writing the same failure onto its own result gives an equal status")
    void failureIsStable() throws Exception {
      ApplicationStatus synced = at(T1).build(null, 1,
          outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")).build(), null);
      Outcome f = failure(FailureReason.ClusterUnreachable, "connection refused");
      ApplicationStatus first = at(T2).build(synced, 1, f, null);
      String firstJson = json(first);

      ApplicationStatus second = at(T2.plusSeconds(60)).build(first, 1, f, null);

      assertThat(json(second)).isEqualTo(firstJson);
    }

    @Test
    @DisplayName("writing one outcome onto two statuses leaves the first status as it was")
    void outcomeNotShared() throws Exception {
      Outcome o = outcome().state(synced(DEPLOY_M)).orchestration(syncSucceeded("automated")).build();
      ApplicationStatus longer = new ApplicationStatus();
      longer.history = new ArrayList<>(List.of(new HistoryEntry()));
      longer.history.get(0).id = 7L;
      ApplicationStatus first = at(T1).build(null, 1, o, null);
      String firstJson = json(first);

      ApplicationStatus second = at(T1).build(longer, 1, o, null);

      assertThat(second.history).extracting(e -> e.id).containsExactly(7L, 8L);
      assertThat(json(first)).isEqualTo(firstJson);
    }

    @Test
    @DisplayName("the same inputs give the same status")
    void deterministic() throws Exception {
      ApplicationStatus old = at(T1).build(null, 1, steady(), null);
      String oldJson = json(old);
      Outcome o = outcome().state(state(DEPLOY_M, ResourceState.Sync.OutOfSync, "x"))
          .orchestration(syncSucceeded("automated")).build();

      ApplicationStatus a = at(T2).build(JSON.readValue(oldJson, ApplicationStatus.class), 2, o, "r");
      ApplicationStatus b = at(T2).build(JSON.readValue(oldJson, ApplicationStatus.class), 2, o, "r");

      assertThat(json(a)).isEqualTo(json(b));
    }
  }
}
