package dev.keelson.controller.engine;

import dev.keelson.core.sync.OperationPhase;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.ApplicationStatus.PendingApproval;
import dev.keelson.api.v1alpha1.ApplicationStatus.Pin;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.controller.operation.OperationRunner;
import dev.keelson.core.schedule.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The bookkeeping of one reconcile around operations: which requests were answered, what the
 * audit trail gains (who did what, when), the pin, the gate, the pending approval, and the
 * operation itself as it changes. Everything here ends up in status.
 */
final class Ledger {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AppSettings app;
  private final Request request;
  private final Clock clock;
  private final List<HistoryEntry> audit = new ArrayList<>();
  private final List<Orchestration.Event> events = new ArrayList<>();
  private OperationState operation;
  private boolean finished;
  private Pin pin;
  private boolean rollbackRequested;
  private Orchestration.Gate gate;
  private PendingApproval pending;
  private Instant nextLook;
  private OperationState startedNow;
  private List<String> annotationWarnings = List.of();

  Ledger(AppSettings app, ApplicationStatus status, Request request, Clock clock) {
    this.app = app;
    this.request = request;
    this.clock = clock;
    this.operation = status == null ? null : copy(status.operationState);
    this.pin = status == null ? null : status.pinned;
    if (request.suspendChange() != null) {
      boolean suspend = app.policy().suspend();
      audit(suspend ? "Suspend" : "Resume", request.suspendChange(), null, "Done",
          suspend ? "syncing suspended" : "syncing resumed");
      event(false, suspend ? "Suspended" : "Resumed",
          (suspend ? "syncing suspended by " : "syncing resumed by ") + request.suspendChange().by());
    }
    pinFrom(status);
    // said even when the reconcile fails before deciding anything, so status always shows it
    if (app.policy().suspend()) gate("Suspended", "syncing is suspended (spec.suspend)", false);
  }

  private void pinFrom(ApplicationStatus status) {
    OperatorRequest rollback = request.rollback();
    if (rollback != null) {
      HistoryEntry entry = status == null || status.history == null ? null : status.history.stream()
          .filter(e -> rollback.historyId() != null && rollback.historyId().equals(e.id) && e.isDeployment())
          .findFirst().orElse(null);
      if (entry == null) {
        String why = "history entry " + rollback.historyId() + " is not a successful sync";
        audit("Rollback", rollback, null, "Refused", why);
        event(true, "RollbackRefused", why + " (asked by " + rollback.by() + ")");
        return;
      }
      Pin p = new Pin();
      p.historyId = entry.id;
      p.revision = entry.revision;
      p.by = rollback.by();
      p.at = rollback.at();
      pin = p;
      rollbackRequested = true;
      event(false, "RollbackRequested", "rollback to history entry " + entry.id + " (revision " + entry.revision
          + ") by " + rollback.by() + "; the app stays pinned until `keelson app rollback --clear`");
      return;
    }
    if (request.rollbackCleared() != null) {
      if (pin != null) {
        audit("Unpin", request.rollbackCleared(), pin.revision, "Done", "pin to history entry " + pin.historyId + " cleared");
        event(false, "Unpinned", "tracking the source again (cleared by " + request.rollbackCleared().by() + ")");
      }
      pin = null;
      return;
    }
    if (request.pinnedBy() == null && pin != null) {
      audit("Unpin", OperatorRequest.of("unknown", now()), pin.revision, "Done", "rollback annotation removed");
      pin = null;
    }
  }

  Pin pin() {
    return pin;
  }

  boolean rollbackRequested() {
    return rollbackRequested;
  }

  OperationState operation() {
    return operation;
  }

  AppSettings app() {
    return app;
  }

  void gate(String reason, String message, boolean stalled) {
    if (gate == null) gate = new Orchestration.Gate(reason, message, stalled);
  }

  void pending(PendingApproval p) {
    pending = p;
  }

  void nextLook(Instant at) {
    if (at != null && (nextLook == null || at.isBefore(nextLook))) nextLook = at;
  }

  void event(boolean warning, String reason, String message) {
    events.add(new Orchestration.Event(warning, reason, message));
  }

  void audit(String action, OperatorRequest by, String revision, String result, String message) {
    HistoryEntry e = new HistoryEntry();
    e.action = action;
    e.initiatedBy = by == null ? "unknown" : by.by();
    e.deployedAt = now();
    e.revision = revision;
    e.result = result;
    e.message = message;
    audit.add(e);
  }

  /** A request that could not be acted upon (the app failed before deciding): say why in events. */
  void refuseOperations(String why) {
    if (startedNow != null) return; // the request did start its operation, which is kept
    if (request.sync() != null) {
      event(true, "SyncRefused", SyncDecider.refusal("manual", request.sync().token(), request.sync().by(), why));
    }
    if (request.approve() != null) audit("Approve", request.approve(), request.approve().revision(), "Refused", why);
  }

  void started(OperationState op) {
    operation = op;
    startedNow = op;
    if (!annotationWarnings.isEmpty()) {
      // said once per operation, when it would act on the objects concerned
      event(true, "AnnotationNotUnderstood", String.join("; ", annotationWarnings));
    }
  }

  /** Annotation values on the app's objects that could not be read (each names file and object). */
  void annotationWarnings(List<String> warnings) {
    annotationWarnings = List.copyOf(warnings);
  }

  /** Writes down what a decision said, in the order it said it; returns the decision. */
  SyncDecider.Decision record(SyncDecider.Decided decided) {
    for (DecisionNote note : decided.notes()) {
      if (note instanceof DecisionNote.Stop n) stop(operation, n.phase(), n.message());
      else if (note instanceof DecisionNote.Pause n) OperationRunner.pause(operation, n.message());
      else if (note instanceof DecisionNote.Audit n) audit(n.action(), n.by(), n.revision(), n.result(), n.message());
      else if (note instanceof DecisionNote.Event n) event(n.warning(), n.reason(), n.message());
      else if (note instanceof DecisionNote.Gate n) gate(n.reason(), n.message(), n.stalled());
      else if (note instanceof DecisionNote.Pending n) pending(n.approval());
      else if (note instanceof DecisionNote.NextLook n) nextLook(n.at());
    }
    return decided.decision();
  }

  /**
   * After the operation was (or was not) advanced in this reconcile: records its end if it ended,
   * and tells whether the operation in status now is one that ended in this reconcile. One
   * superseded earlier in this reconcile does not make a freshly started, still running one
   * finished.
   */
  boolean advanced(OperationState op, boolean advancedNow) {
    boolean ended = op != null && OperationPhase.of(op.phase) != OperationPhase.Running;
    if (advancedNow && ended) finishedOperation(op);
    return ended && finished;
  }

  /** Ends the running operation here (terminated or superseded). */
  private void stop(OperationState op, OperationPhase phase, String message) {
    OperationRunner.end(op, phase, message, now());
    finishedOperation(op);
  }

  /** Records an operation that ended: history, and a retry when the policy allows one. */
  private void finishedOperation(OperationState op) {
    finished = true;
    operation = op;
    if (Boolean.TRUE.equals(op.dryRun)) return;
    HistoryEntry e = new HistoryEntry();
    e.action = "rollback".equals(op.trigger) ? "Rollback" : "Sync";
    e.initiatedBy = op.initiatedBy;
    e.deployedAt = op.finishedAt == null ? now() : op.finishedAt;
    e.revision = op.revision;
    e.result = op.phase; // the history's result is the operation's final phase
    e.message = op.message;
    audit.add(e);
    RetryPolicy retry = app.policy().retry();
    int done = op.retryCount == null ? 0 : op.retryCount;
    if (OperationPhase.of(op.phase) == OperationPhase.Failed && retry != null && retry.allows(done)) {
      Instant exact = clock.instant().plus(retry.delayBefore(done + 1));
      // rounded up: status keeps whole seconds, and a retry must never run before its backoff
      Instant at = exact.truncatedTo(ChronoUnit.SECONDS).plusSeconds(exact.getNano() > 0 ? 1 : 0);
      OperationRunner.retryAt(op, at);
      nextLook(at);
    }
  }

  Orchestration result(OperationState op, boolean finishedNow) {
    OperationState current = op != null ? op : operation;
    // An operation that ends in the reconcile that started it is told by its outcome event alone:
    // one event per sync, as before operations had phases (events are API writes too).
    if (startedNow != null && OperationPhase.of(startedNow.phase) == OperationPhase.Running) {
      event(false, "OperationStarted", startedNow.trigger + " sync of revision " + startedNow.revision
          + " started by " + startedNow.initiatedBy);
      startedNow = null;
    }
    return new Orchestration(current, finishedNow || finished, pending, pin, List.copyOf(audit), gate,
        handled(), nextLook, List.copyOf(events));
  }

  private Orchestration.Handled handled() {
    return Orchestration.Handled.of(request);
  }

  String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static OperationState copy(OperationState op) {
    if (op == null) return null;
    return JSON.convertValue(op, OperationState.class);
  }
}
