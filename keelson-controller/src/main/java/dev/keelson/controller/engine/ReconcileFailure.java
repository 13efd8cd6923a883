package dev.keelson.controller.engine;

/**
 * A reconcile step that failed. Messages name the file, the object and the cause, and never
 * contain credentials. Transient failures are retried with backoff; others wait for a change
 * of the source or the spec (kstatus: Stalled).
 */
public class ReconcileFailure extends Exception {
  private final FailureReason reason;
  private final boolean transientFailure;

  public ReconcileFailure(FailureReason reason, String message) {
    this(reason, message, reason.transientByDefault());
  }

  public ReconcileFailure(FailureReason reason, String message, boolean transientFailure) {
    super(message);
    this.reason = reason;
    this.transientFailure = transientFailure;
  }

  public FailureReason reason() {
    return reason;
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
