package dev.keelson.core.sync;

/**
 * Where a sync operation stands, as Argo CD's gitops-engine names it. The names are the values of
 * {@code status.operationState.phase}.
 */
public enum OperationPhase {
  Running,
  Succeeded,
  Failed,
  /** Stopped before it ended: by a terminate request, or superseded by a newer desired state. */
  Terminated;

  public boolean finished() {
    return this != Running;
  }

  /** The phase a status value names; null for none (no operation, or a value Keelson never writes). */
  public static OperationPhase of(String value) {
    if (value == null) return null;
    for (OperationPhase p : values()) {
      if (p.name().equals(value)) return p;
    }
    return null;
  }
}
