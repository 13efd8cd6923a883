package dev.keelson.controller.engine;

import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.ApplicationStatus.ResourceResult;
import dev.keelson.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A finished operation's results as a {@link SyncResult}, for events and metrics. */
final class SyncResults {
  private SyncResults() {}

  static SyncResult of(OperationState op, Map<String, Map<String, Object>> applied) {
    List<ApplyAction> actions = new ArrayList<>();
    for (ResourceResult r : op.results == null ? List.<ResourceResult>of() : op.results) {
      if (r.hookPhase != null) continue;
      ResourceKey key = new ResourceKey(r.group == null ? "" : r.group, r.kind, r.namespace == null ? "" : r.namespace, r.name);
      actions.add(new ApplyAction(key, action(r), "Failed".equals(r.status) ? r.message : ""));
    }
    boolean ok = "Succeeded".equals(op.phase);
    return new SyncResult(actions, applied, ok ? SyncResult.Status.SUCCEEDED : SyncResult.Status.FAILED, ok ? "" : op.message == null ? op.phase : op.message);
  }

  private static ApplyAction.Action action(ResourceResult r) {
    if ("Pruned".equals(r.status)) return ApplyAction.Action.Pruned;
    if ("PruneSkipped".equals(r.status)) return ApplyAction.Action.PruneSkipped;
    if ("Failed".equals(r.status)) return ApplyAction.Action.Failed;
    if ("created".equals(r.message)) return ApplyAction.Action.Created;
    if ("configured".equals(r.message)) return ApplyAction.Action.Configured;
    if ("Skipped".equals(r.status)) return ApplyAction.Action.Skipped;
    return ApplyAction.Action.Unchanged;
  }
}
