package dev.keelson.core.sync;

/**
 * Phases of a sync operation, in Argo CD's names. Hooks name the phase they run in; ordinary
 * objects belong to {@link #Sync}. {@link #PostDelete} hooks run when the Application is deleted.
 */
public enum SyncPhase {
  PreSync,
  Sync,
  PostSync,
  SyncFail,
  PostDelete;

  /** The phase for a case-insensitive name, or null when there is none. */
  public static SyncPhase parse(String name) {
    for (SyncPhase p : values()) {
      if (p.name().equalsIgnoreCase(name.trim())) return p;
    }
    return null;
  }
}
