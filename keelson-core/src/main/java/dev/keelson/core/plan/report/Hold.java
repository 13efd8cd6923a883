package dev.keelson.core.plan.report;

/** Something that would keep the change from being synced on its own once merged. */
public record Hold(Reason reason, String message) {

  public enum Reason {
    /** {@code spec.suspend}. */
    SUSPENDED,
    /** A rollback pinned the app to an earlier revision: new commits wait until the pin is lifted. */
    PINNED,
    /** The app has no automated sync: somebody has to run {@code keelson app sync}. */
    MANUAL_SYNC,
    /** {@code approvalRequired}: {@code keelson app approve}. */
    APPROVAL,
    /** A sync window denies syncing now. */
    SYNC_WINDOW,
    /** A dependency is not ready, or the dependencies form a cycle. */
    DEPENDENCY,
    /** The project refuses the app or one of its objects: the sync would apply nothing. */
    PROJECT
  }
}
