package dev.keelson.core.sync;

/**
 * What an operation did with one object or hook, as in gitops-engine's result codes and hook
 * phases. The names are the values of {@code status.operationState.results[].status}.
 */
public enum ResultCode {
  /** Applied, or found unchanged. */
  Synced,
  Pruned,
  /** Stale but kept (Prune=false). */
  PruneSkipped,
  /** Not written: another app manages it. */
  Skipped,
  /** A hook created and not yet completed. */
  Running,
  /** A hook that completed. */
  Succeeded,
  /** Refused by the server, or a hook that failed. */
  Failed;

  /** The code a status value names; null for a value Keelson never writes. */
  public static ResultCode of(String value) {
    if (value == null) return null;
    for (ResultCode c : values()) {
      if (c.name().equals(value)) return c;
    }
    return null;
  }
}
