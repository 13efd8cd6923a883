package dev.keelson.cli;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import java.util.List;

/**
 * What became of one sync request, read from status. The controller echoes the request's token in
 * lastHandledSyncRequest when it takes the request, and uses the same token as operationState.id
 * when it starts an operation for it; the operation may then run over many reconciles.
 */
record SyncResult(Outcome outcome, String message) {
  enum Outcome { SUCCEEDED, FAILED, REFUSED }

  /** The request was taken and its operation, if one started, is no longer running. */
  static boolean finished(ApplicationStatus s, String token) {
    if (!token.equals(s.lastHandledSyncRequest)) return false;
    var op = s.operationState;
    return op == null || !token.equals(op.id) || !"Running".equals(op.phase);
  }

  /** Only meaningful once {@link #finished} holds. */
  static SyncResult of(ApplicationStatus s, String token) {
    var op = s.operationState;
    if (op == null) return withoutOperation(s);
    if (!token.equals(op.id)) return new SyncResult(Outcome.REFUSED, readyMessage(s));
    return new SyncResult("Succeeded".equals(op.phase) ? Outcome.SUCCEEDED : Outcome.FAILED,
        op.phase + (op.message == null ? "" : ": " + op.message));
  }

  /**
   * No operation state at all: a controller that predates operations syncs within the reconcile
   * that takes the request and records only a history entry (without action), so that entry is
   * the result. Newer controllers always leave an operation state behind a sync they ran, so here
   * an entry of another action (Suspend, Approve...) means this request started nothing.
   */
  private static SyncResult withoutOperation(ApplicationStatus s) {
    List<HistoryEntry> history = s.history;
    HistoryEntry last = history == null || history.isEmpty() ? null : history.get(history.size() - 1);
    if (last == null || (last.action != null && !"Sync".equals(last.action))) {
      return new SyncResult(Outcome.REFUSED, readyMessage(s));
    }
    boolean stalled = s.conditions != null && s.conditions.stream()
        .anyMatch(c -> "Stalled".equals(c.getType()) && "True".equals(c.getStatus()));
    boolean ok = !stalled && "Succeeded".equals(last.result);
    return new SyncResult(ok ? Outcome.SUCCEEDED : Outcome.FAILED,
        Output.orEmpty(last.result) + (last.message == null ? "" : ": " + last.message));
  }

  private static String readyMessage(ApplicationStatus s) {
    return s.conditions == null ? "no reason given" : s.conditions.stream()
        .filter(c -> "Ready".equals(c.getType()) && c.getMessage() != null)
        .map(c -> c.getMessage())
        .findFirst().orElse("no reason given");
  }
}
