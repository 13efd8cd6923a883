package dev.keelson.server.view;

/** An app's sync status as the controller reports it; Unknown until it has compared once. */
public enum SyncState {
  Synced,
  OutOfSync,
  Unknown;

  public static SyncState of(String status) {
    if ("Synced".equals(status)) return Synced;
    if ("OutOfSync".equals(status)) return OutOfSync;
    return Unknown;
  }
}
