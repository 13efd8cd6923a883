package dev.keelson.core.sync;

/**
 * Phases of a sync operation, in Argo CD's names. Hooks name the phase they run in; ordinary
 * objects belong to {@link #Sync}. {@link #PreDelete} and {@link #PostDelete} hooks run when the
 * Application is deleted, before and after its objects.
 */
public enum SyncPhase {
  PreSync,
  Sync,
  PostSync,
  SyncFail,
  PreDelete,
  PostDelete;

  /** Phases that run when the Application is deleted, never in a sync. */
  public boolean onDeletion() {
    return this == PreDelete || this == PostDelete;
  }

  /** The phase for a case-insensitive name, or null when there is none. */
  public static SyncPhase parse(String name) {
    for (SyncPhase p : values()) {
      if (p.name().equalsIgnoreCase(name.trim())) return p;
    }
    return null;
  }
}
