package dev.keelson.controller.engine;

import dev.keelson.core.sync.OperationPhase;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.ApplicationStatus.PendingApproval;
import dev.keelson.api.v1alpha1.ApplicationStatus.Pin;
import java.time.Instant;
import java.util.List;

/**
 * The sync operation and the gates around it, as decided in one reconcile.
 *
 * @param operation the operation after this reconcile (null: none has ever run)
 * @param finished the operation ended in this reconcile
 * @param pending a revision awaiting approval, or null
 * @param pin the history entry the app is pinned to, or null
 * @param audit history entries to append: operator actions and finished operations
 * @param gate why nothing is synced right now, or null
 * @param handled request tokens answered in this reconcile
 * @param nextLook when the decision may change by itself (a retry, a window), or null
 * @param events notable happenings for Events: reason and message
 */
public record Orchestration(
    OperationState operation,
    boolean finished,
    PendingApproval pending,
    Pin pin,
    List<HistoryEntry> audit,
    Gate gate,
    Handled handled,
    Instant nextLook,
    List<Event> events) {

  /** Why syncing is held back: condition reason and message; stalled when only a change of spec helps. */
  public record Gate(String reason, String message, boolean stalled) {}

  public record Handled(String sync, String approval, String rollback, String terminate, String suspendChange,
      String refresh) {
    public static final Handled NONE = new Handled(null, null, null, null, null, null);

    /** Without a refresh. */
    public Handled(String sync, String approval, String rollback, String terminate, String suspendChange) {
      this(sync, approval, rollback, terminate, suspendChange, null);
    }

    public static Handled of(Request r) {
      return new Handled(
          r.sync() == null ? null : r.sync().token(),
          r.approve() == null ? null : r.approve().at(),
          r.rollback() != null ? r.rollback().at() : r.rollbackCleared() == null ? null : r.rollbackCleared().at(),
          r.terminate() == null ? null : r.terminate().at(),
          r.suspendChange() == null ? null : r.suspendChange().at(),
          r.refresh());
    }
  }

  public record Event(boolean warning, String reason, String message) {}

  /** Answers the requests without acting on them (the spec is unusable): the status says why. */
  public static Orchestration answering(dev.keelson.api.v1alpha1.ApplicationStatus old, Request r) {
    return new Orchestration(old == null ? null : old.operationState, false, old == null ? null : old.pendingApproval,
        old == null ? null : old.pinned, List.of(), null, Handled.of(r), null, List.of());
  }

  public boolean running() {
    return operation != null && OperationPhase.of(operation.phase) == OperationPhase.Running;
  }
}
