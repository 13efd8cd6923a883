package dev.keelson.controller.engine;

import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.ApplicationStatus.ResourceResult;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.OperationPhase;
import dev.keelson.core.sync.ResultCode;
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
      ResultCode code = ResultCode.of(r.status);
      actions.add(new ApplyAction(key, ApplyAction.Action.of(code, r.message), code == ResultCode.Failed ? r.message : ""));
    }
    boolean ok = OperationPhase.of(op.phase) == OperationPhase.Succeeded;
    return new SyncResult(actions, applied, ok ? SyncResult.Status.SUCCEEDED : SyncResult.Status.FAILED, ok ? "" : op.message == null ? op.phase : op.message);
  }
}
