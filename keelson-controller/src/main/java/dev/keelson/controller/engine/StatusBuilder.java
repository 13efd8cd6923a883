package dev.keelson.controller.engine;

import dev.keelson.core.sync.OperationPhase;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.HealthStatusView;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.api.v1alpha1.ApplicationStatus.InventoryEntry;
import dev.keelson.api.v1alpha1.ApplicationStatus.ResourceHealth;
import dev.keelson.api.v1alpha1.ApplicationStatus.ResourceStatus;
import dev.keelson.core.health.Health;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Step 7 of the flow: the new status from the old one and an {@link Outcome}. Pure: the same
 * inputs give the same status, and a condition keeps its lastTransitionTime while its status
 * does not change, so an unchanged app produces an identical status and costs no write.
 */
public final class StatusBuilder {
  /** Entries kept of each kind: syncs and rollbacks, and operator actions. */
  public static final int HISTORY_LIMIT = 10;
  /** True while Keelson leaves objects alone that another manager keeps changing back (see DriftFights). */
  public static final String DRIFT_FIGHT = "DriftFight";
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  private final Clock clock;

  public StatusBuilder(Clock clock) {
    this.clock = clock;
  }

  public ApplicationStatus build(ApplicationStatus old, long generation, Outcome o, String handledSyncRequest) {
    ApplicationStatus s = copyOf(old);
    s.observedGeneration = generation;
    if (handledSyncRequest != null) s.lastHandledSyncRequest = handledSyncRequest;
    if (o.compared()) {
      s.sync = syncStatus(o);
      s.sourceTreeId = o.desired().treeId();
      s.resources = resources(o);
      s.health = view(o.appHealth());
      s.inventory = inventory(o);
    } else {
      ApplicationStatus.SyncStatus sync = new ApplicationStatus.SyncStatus();
      if (s.sync != null) {
        sync.revision = s.sync.revision;
        sync.ref = s.sync.ref;
      }
      sync.status = "Unknown";
      s.sync = sync;
      if (s.health == null) s.health = view(new Health(HealthStatus.Unknown, "not compared yet"));
    }
    Orchestration orch = o.orchestration();
    if (orch != null) orchestration(s, orch);
    s.conditions = conditions(old == null ? List.of() : old.conditions, generation, o);
    return s;
  }

  /**
   * An app whose objects are being deleted (resources finalizer): the conditions say what the
   * deletion waits for; everything else stays as it was.
   */
  public ApplicationStatus deleting(ApplicationStatus old, long generation, String message) {
    ApplicationStatus s = copyOf(old);
    s.observedGeneration = generation;
    List<Condition> prev = old == null || old.conditions == null ? List.of() : old.conditions;
    s.conditions = List.of(
        condition(prev, READY, "False", "Deleting", message, generation),
        condition(prev, RECONCILING, "True", "Deleting", message, generation),
        condition(prev, STALLED, "False", "NotStalled", "", generation));
    return s;
  }

  private void orchestration(ApplicationStatus s, Orchestration orch) {
    Orchestration.Handled h = orch.handled();
    if (h.sync() != null) s.lastHandledSyncRequest = h.sync();
    if (h.approval() != null) s.lastHandledApproval = h.approval();
    if (h.rollback() != null) s.lastHandledRollback = h.rollback();
    if (h.terminate() != null) s.lastHandledTerminate = h.terminate();
    if (h.suspendChange() != null) s.lastHandledSuspendChange = h.suspendChange();
    if (h.refresh() != null) s.lastHandledRefresh = h.refresh();
    s.operationState = orch.operation();
    s.pendingApproval = orch.pending();
    s.pinned = orch.pin();
    s.suspended = orch.gate() != null && "Suspended".equals(orch.gate().reason()) ? Boolean.TRUE : null;
    if (!orch.audit().isEmpty()) s.history = history(s.history, orch.audit());
    var op = orch.operation();
    if (orch.finished() && op != null && !Boolean.TRUE.equals(op.dryRun)) {
      s.lastSyncedAt = now();
      if (OperationPhase.of(op.phase) == OperationPhase.Succeeded && op.resources == null) s.appliedDigest = op.digest;
    }
  }

  private static ApplicationStatus.SyncStatus syncStatus(Outcome o) {
    ApplicationStatus.SyncStatus sync = new ApplicationStatus.SyncStatus();
    sync.status = o.inSync() ? "Synced" : "OutOfSync";
    sync.revision = o.desired().revision();
    sync.ref = o.desired().ref();
    return sync;
  }

  private static List<ResourceStatus> resources(Outcome o) {
    List<ResourceStatus> out = new ArrayList<>();
    for (ResourceState st : o.states()) {
      Manifest m = st.desired();
      ResourceStatus r = base(m.key(), m.version());
      r.status = st.sync() == ResourceState.Sync.Synced ? "Synced" : "OutOfSync";
      Health h = o.health().get(m.key());
      if (h != null) r.health = new ResourceHealth(h.status().name(), blankToNull(h.message()));
      r.message = blankToNull(st.sync() == ResourceState.Sync.Synced ? null : st.message());
      var drift = DriftReport.of(st);
      if (drift != null) r.drift = DriftReport.view(drift);
      out.add(r);
    }
    for (Pruner.Stale stale : o.staleOurs()) {
      ResourceStatus r = base(stale.key(), ResourceKey.versionOf(stale.apiVersion()));
      r.status = "OutOfSync";
      r.requiresPruning = true;
      r.message = "requires pruning";
      out.add(r);
    }
    return out;
  }

  private static ResourceStatus base(ResourceKey key, String version) {
    ResourceStatus r = new ResourceStatus();
    r.group = blankToNull(key.group()); // omitted for the core group, as Argo CD does
    r.version = version;
    r.kind = key.kind();
    r.namespace = blankToNull(key.namespace());
    r.name = key.name();
    return r;
  }

  private static ApplicationStatus.Inventory inventory(Outcome o) {
    ApplicationStatus.Inventory inv = new ApplicationStatus.Inventory();
    o.inventory().entries().forEach((k, v) -> inv.entries.add(new InventoryEntry(k.inventoryId(), v)));
    return inv;
  }

  private static List<HistoryEntry> history(List<HistoryEntry> old, List<HistoryEntry> added) {
    List<HistoryEntry> h = new ArrayList<>(old == null ? List.of() : old);
    long next = h.stream().mapToLong(e -> e.id == null ? 0 : e.id).max().orElse(0) + 1;
    for (HistoryEntry a : added) {
      // A copy gets the id: the outcome's entries stay untouched, so writing it again (onto
      // another status) cannot renumber the entries of a status already written.
      HistoryEntry e = new HistoryEntry();
      e.id = next++;
      e.revision = a.revision;
      e.deployedAt = a.deployedAt;
      e.result = a.result;
      e.message = a.message;
      e.initiatedBy = a.initiatedBy;
      e.action = a.action;
      h.add(e);
    }
    // Syncs and operator actions are capped apart: suspends and approvals must not push out the
    // deployments a rollback may return to.
    trim(h, HistoryEntry::isOperation);
    trim(h, e -> !e.isOperation());
    return h;
  }

  private static void trim(List<HistoryEntry> h, java.util.function.Predicate<HistoryEntry> kind) {
    long n = h.stream().filter(kind).count();
    for (var it = h.iterator(); it.hasNext() && n > HISTORY_LIMIT; ) {
      if (kind.test(it.next())) {
        it.remove();
        n--;
      }
    }
  }

  private List<Condition> conditions(List<Condition> old, long generation, Outcome o) {
    String readyStatus;
    String reason;
    String message;
    boolean reconciling = false;
    boolean stalled = false;
    Orchestration orch = o.orchestration();
    ReconcileFailure f = o.failure() != null ? o.failure() : operationFailure(o);
    // a retry held back by a gate (a window, a dependency) says what holds it, not the old failure
    if (o.failure() == null && f != null && f.isTransient() && orch.gate() != null) f = null;
    if (f != null) {
      readyStatus = "False";
      reason = f.reason().name();
      message = f.getMessage();
      reconciling = f.isTransient();
      stalled = !f.isTransient();
    } else if (orch != null && orch.running()) {
      readyStatus = "False";
      reason = "OperationRunning";
      message = orch.operation().syncPhase + " phase, wave " + orch.operation().wave + ": " + orch.operation().message;
      reconciling = true;
    } else if (orch != null && orch.gate() != null && (orch.gate().stalled() || !o.inSync()
        || "Suspended".equals(orch.gate().reason()) || "AwaitingApproval".equals(orch.gate().reason()))) {
      readyStatus = "False";
      reason = orch.gate().reason();
      message = orch.gate().message();
      stalled = orch.gate().stalled();
    } else if (!o.inSync()) {
      readyStatus = "False";
      reason = "OutOfSync";
      long n = o.states().stream().filter(s -> s.sync() != ResourceState.Sync.Synced).count();
      int prune = o.staleOurs().size();
      message = n + " object(s) out of sync" + (prune > 0 ? ", " + prune + " require pruning" : "");
    } else if (o.appHealth().status() == HealthStatus.Healthy) {
      readyStatus = "True";
      reason = "ReconciliationSucceeded";
      message = "Applied revision " + o.desired().revision();
    } else {
      readyStatus = "False";
      reason = o.appHealth().status().name();
      message = blankToNull(o.appHealth().message()) == null
          ? "health is " + o.appHealth().status() : o.appHealth().message();
      reconciling = o.appHealth().status() == HealthStatus.Progressing;
    }
    List<Condition> out = new ArrayList<>();
    out.add(condition(old, READY, readyStatus, reason, message, generation));
    out.add(condition(old, RECONCILING, reconciling ? "True" : "False",
        reconciling ? reason : "Idle", reconciling ? message : "", generation));
    out.add(condition(old, STALLED, stalled ? "True" : "False",
        stalled ? reason : "NotStalled", stalled ? message : "", generation));
    if (!o.fights().isEmpty()) {
      out.add(condition(old, DRIFT_FIGHT, "True", "DriftFight",
          String.join("\n", o.fights().stream().map(DriftFight::message).toList()), generation));
    }
    return out;
  }

  /**
   * The last operation failed on exactly this desired state: the app is not Ready until a retry,
   * a fix or an operator changes that. Reconciling while a retry is scheduled, Stalled otherwise.
   */
  private static ReconcileFailure operationFailure(Outcome o) {
    Orchestration orch = o.orchestration();
    if (orch == null || orch.operation() == null || o.desired() == null) return null;
    var op = orch.operation();
    if (OperationPhase.of(op.phase) != OperationPhase.Failed || Boolean.TRUE.equals(op.dryRun) || !o.desired().digest().equals(op.digest)) return null;
    boolean retrying = op.nextRetryAt != null;
    String message = (op.message == null ? "sync failed" : op.message)
        + (retrying ? " (retry " + ((op.retryCount == null ? 0 : op.retryCount) + 1) + " at " + op.nextRetryAt + ")" : "");
    return new ReconcileFailure(FailureReason.SyncFailed, message, retrying);
  }

  private Condition condition(List<Condition> old, String type, String status, String reason,
      String message, long generation) {
    String since = old.stream()
        .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(now());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(blankToNull(message))
        .withLastTransitionTime(since)
        .withObservedGeneration(generation)
        .build();
  }

  static HealthStatusView view(Health h) {
    HealthStatusView v = new HealthStatusView();
    v.status = h.status().name();
    v.message = blankToNull(h.message());
    return v;
  }

  private static ApplicationStatus copyOf(ApplicationStatus old) {
    ApplicationStatus s = new ApplicationStatus();
    if (old == null) return s;
    s.sync = old.sync;
    s.health = old.health;
    s.resources = old.resources;
    s.inventory = old.inventory;
    s.history = old.history;
    s.sourceTreeId = old.sourceTreeId;
    s.lastHandledSyncRequest = old.lastHandledSyncRequest;
    s.lastSyncedAt = old.lastSyncedAt;
    s.appliedDigest = old.appliedDigest;
    s.operationState = old.operationState;
    s.pendingApproval = old.pendingApproval;
    s.pinned = old.pinned;
    s.suspended = old.suspended;
    s.lastHandledApproval = old.lastHandledApproval;
    s.lastHandledRollback = old.lastHandledRollback;
    s.lastHandledTerminate = old.lastHandledTerminate;
    s.lastHandledSuspendChange = old.lastHandledSuspendChange;
    s.lastHandledRefresh = old.lastHandledRefresh;
    s.controller = old.controller;
    return s;
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
