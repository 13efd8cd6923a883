package dev.keelson.controller.engine;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one sync.
 *
 * @param applied the objects as returned by the server after apply, by inventory id
 * @param message why it failed, or what it waits for
 */
public record SyncResult(List<ApplyAction> actions, Map<String, Map<String, Object>> applied, Status status,
    String message) {

  public enum Status {
    SUCCEEDED,
    FAILED,
    /** Part was applied; the rest needs something that takes time (a CRD to be Established). */
    WAITING
  }

  public boolean succeeded() {
    return status == Status.SUCCEEDED;
  }

  public long count(ApplyAction.Action action) {
    return actions.stream().filter(a -> a.action() == action).count();
  }

  public String summary() {
    if (!succeeded()) return message;
    return String.format("%d created, %d configured, %d unchanged, %d pruned",
        count(ApplyAction.Action.Created), count(ApplyAction.Action.Configured),
        count(ApplyAction.Action.Unchanged), count(ApplyAction.Action.Pruned));
  }
}
