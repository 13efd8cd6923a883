package dev.keelson.controller.app;

/** Annotations Keelson reads on Applications. */
public final class Annotations {
  /**
   * Set by {@code keelson app sync} (any new value): fetch and sync now, also without automated
   * sync. The value is echoed in {@code status.lastHandledSyncRequest} once acted upon.
   */
  public static final String SYNC_REQUESTED_AT = "keelson.dev/sync-requested-at";

  /** Who asked for the requested sync, recorded in history. */
  public static final String SYNC_REQUESTED_BY = "keelson.dev/sync-requested-by";

  private Annotations() {}
}
