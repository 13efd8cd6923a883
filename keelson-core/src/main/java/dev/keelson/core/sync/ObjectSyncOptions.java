package dev.keelson.core.sync;

/**
 * Per-object sync options from the {@code sync-options} annotation.
 *
 * @param prune false: never pruned (Prune=false)
 * @param delete false: kept when the Application is deleted (Delete=false)
 * @param replace written with a replace instead of server-side apply (Replace=true)
 * @param force deleted and created again when the server refuses the change (Force=true)
 * @param serverSideApply ServerSideApply=...: null when not given; Keelson always applies server-side
 */
public record ObjectSyncOptions(boolean prune, boolean delete, boolean replace, boolean force, Boolean serverSideApply) {
  public static final ObjectSyncOptions DEFAULTS = new ObjectSyncOptions(true, true, false, false, null);

  public ObjectSyncOptions withPrune(boolean value) {
    return new ObjectSyncOptions(value, delete, replace, force, serverSideApply);
  }

  public ObjectSyncOptions withDelete(boolean value) {
    return new ObjectSyncOptions(prune, value, replace, force, serverSideApply);
  }
}
