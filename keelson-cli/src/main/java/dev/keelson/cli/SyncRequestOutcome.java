package dev.keelson.cli;

import dev.keelson.api.v1alpha1.ApplicationStatus;

/**
 * What became of one sync request, read from status. The controller echoes the request's token in
 * lastHandledSyncRequest when it takes the request, and uses the same token as operationState.id
 * when it starts an operation for it; the operation may then run over many reconciles.
 */
record SyncRequestOutcome(Outcome outcome, String message) {
  enum Outcome { SUCCEEDED, FAILED, REFUSED }

  /** The request was taken and its operation, if one started, is no longer running. */
  static boolean finished(ApplicationStatus s, String token) {
    if (!token.equals(s.lastHandledSyncRequest)) return false;
    var op = s.operationState;
    return op == null || !token.equals(op.id) || !"Running".equals(op.phase);
  }

  /** Only meaningful once {@link #finished} holds. */
  static SyncRequestOutcome of(ApplicationStatus s, String token) {
    var op = s.operationState;
    if (op == null || !token.equals(op.id)) return new SyncRequestOutcome(Outcome.REFUSED, readyMessage(s));
    return new SyncRequestOutcome("Succeeded".equals(op.phase) ? Outcome.SUCCEEDED : Outcome.FAILED,
        op.phase + (op.message == null ? "" : ": " + op.message));
  }

  private static String readyMessage(ApplicationStatus s) {
    return s.conditions == null ? "no reason given" : s.conditions.stream()
        .filter(c -> "Ready".equals(c.getType()) && c.getMessage() != null)
        .map(c -> c.getMessage())
        .findFirst().orElse("no reason given");
  }
}
