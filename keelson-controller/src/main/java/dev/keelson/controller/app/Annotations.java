package dev.keelson.controller.app;

/**
 * Annotations Keelson reads on Applications. Operator requests are annotations written by the CLI
 * (or by hand, or by any tool) rather than API calls to the controller: they survive a controller
 * restart, need no extra endpoint, and go through the API server's own RBAC and audit log. Each
 * request carries a token (its time) that the controller echoes in status once acted upon, so
 * every request is handled exactly once. JSON-valued requests use {@link OperatorRequest}.
 */
public final class Annotations {
  /**
   * Set by {@code keelson app sync} (any new value): fetch and sync now, also without automated
   * sync. The value is echoed in {@code status.lastHandledSyncRequest} once acted upon.
   */
  public static final String SYNC_REQUESTED_AT = "keelson.dev/sync-requested-at";

  /** Who asked for the requested sync, recorded in history. */
  public static final String SYNC_REQUESTED_BY = "keelson.dev/sync-requested-by";

  /**
   * Options of the requested sync, comma separated: {@code prune}, {@code dry-run},
   * {@code resource=GROUP:KIND:NAME} (repeatable). Absent means a plain sync.
   */
  public static final String SYNC_REQUEST_OPTIONS = "keelson.dev/sync-request-options";

  /** {@code keelson app approve}: {@link OperatorRequest} with the approved revision. */
  public static final String APPROVE = "keelson.dev/approve";

  /**
   * {@code keelson app rollback NAME ID}: {@link OperatorRequest} with the history id. The app stays
   * pinned to that entry while the annotation is present.
   */
  public static final String ROLLBACK = "keelson.dev/rollback";

  /** {@code keelson app rollback NAME --clear}: {@link OperatorRequest}; ROLLBACK is removed with it. */
  public static final String ROLLBACK_CLEARED = "keelson.dev/rollback-cleared";

  /** {@code keelson app terminate-op}: {@link OperatorRequest}. */
  public static final String TERMINATE = "keelson.dev/terminate-op";

  /** {@code keelson app suspend|resume} sets spec.suspend and this {@link OperatorRequest}. */
  public static final String SUSPEND_CHANGED = "keelson.dev/suspend-changed";

  /**
   * Set by the API server's refresh (any new value): reconcile now, fetching Git at once (not at
   * the interval) and comparing, without starting a sync. The value is echoed in
   * {@code status.lastHandledRefresh} once acted upon.
   */
  public static final String REFRESH_REQUESTED_AT = "keelson.dev/refresh-requested-at";

  /**
   * Written by the controller on an Application being deleted once its PreDelete hooks have
   * succeeded (value: the app's uid), so that they are not looked for again while its objects,
   * perhaps the hooks' namespace among them, are deleted.
   */
  public static final String PRE_DELETE_COMPLETED = "keelson.dev/pre-delete-completed";

  /** Every annotation whose change must trigger a reconcile. */
  public static final java.util.List<String> REQUESTS = java.util.List.of(
      SYNC_REQUESTED_AT, APPROVE, ROLLBACK, ROLLBACK_CLEARED, TERMINATE, SUSPEND_CHANGED, REFRESH_REQUESTED_AT);

  private Annotations() {}
}
