package dev.keelson.server.api;

import java.util.List;

/** The request bodies of the actions; every field optional, unknown fields refused. */
final class ActionBodies {
  private ActionBodies() {}

  /**
   * @param resources {@code GROUP:KIND:NAME} of the only objects to sync ({@code :ConfigMap:web} for the core group)
   */
  record Sync(Boolean prune, Boolean dryRun, List<String> resources) {}

  /** @param revision the commit approved; default the one awaiting approval */
  record Approve(String revision) {}

  /** Exactly one of a history id to return to, or {@code clear} to unpin. */
  record Rollback(Long historyId, Boolean clear) {}

  /** Actions that take no argument still refuse unknown fields. */
  record None() {}
}
