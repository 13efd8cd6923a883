package dev.keelson.controller.engine;

import dev.keelson.controller.app.OperatorRequest;
import java.util.List;

/**
 * What operators asked for, as found on the Application and not yet handled. Every request given
 * here is answered in this reconcile (acted upon or refused with a reason), and its token is
 * echoed in status.
 *
 * @param sync a sync request (keelson app sync), or null
 * @param approve an approval not yet handled, or null
 * @param rollback a new rollback (pin), or null
 * @param rollbackCleared a new --clear, or null
 * @param pinnedBy the rollback annotation in force (handled or not), or null when not pinned
 * @param terminate a terminate-op request, or null
 * @param suspendChange a suspend or resume, or null
 * @param refresh the token of a refresh (fetch now and compare, no sync), or null
 */
public record Request(
    SyncRequest sync,
    OperatorRequest approve,
    OperatorRequest rollback,
    OperatorRequest rollbackCleared,
    OperatorRequest pinnedBy,
    OperatorRequest terminate,
    OperatorRequest suspendChange,
    String refresh) {

  public static final Request NONE = new Request(null, null, null, null, null, null, null);

  /** Without a refresh. */
  public Request(SyncRequest sync, OperatorRequest approve, OperatorRequest rollback, OperatorRequest rollbackCleared,
      OperatorRequest pinnedBy, OperatorRequest terminate, OperatorRequest suspendChange) {
    this(sync, approve, rollback, rollbackCleared, pinnedBy, terminate, suspendChange, null);
  }

  /**
   * @param token the request's value, echoed in status.lastHandledSyncRequest and used as the
   *     operation id
   * @param resources GROUP:KIND:NAME selections; empty means everything
   */
  public record SyncRequest(String token, String by, boolean prune, boolean dryRun, List<String> resources) {
    public SyncRequest {
      resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** Parses the options annotation: prune, dry-run, resource=GROUP:KIND:NAME. */
    public static SyncRequest of(String token, String by, String options) {
      boolean prune = false;
      boolean dryRun = false;
      List<String> resources = new java.util.ArrayList<>();
      if (options != null) {
        for (String o : options.split(",")) {
          String t = o.trim();
          if (t.equalsIgnoreCase("prune")) prune = true;
          else if (t.equalsIgnoreCase("dry-run")) dryRun = true;
          else if (t.startsWith("resource=")) resources.add(t.substring("resource=".length()));
        }
      }
      return new SyncRequest(token, by, prune, dryRun, resources);
    }
  }

  public boolean any() {
    return sync != null || approve != null || rollback != null || rollbackCleared != null
        || terminate != null || suspendChange != null || refresh != null;
  }
}
