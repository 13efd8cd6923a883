package dev.keelson.controller.plan;

import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.Dependencies;
import dev.keelson.core.plan.report.Hold;
import dev.keelson.core.schedule.SyncWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What would keep a merged change from being synced on its own, judged as `SyncDecider` gates an
 * automated sync: suspend, a rollback's pin, no automated policy, approval, dependencies, sync
 * windows. (Project refusals are found on the rendered objects, by the planner.)
 */
final class Holds {
  private Holds() {}

  static List<Hold> of(AppSettings app, ApplicationStatus status, Dependencies deps, Instant now) {
    List<Hold> out = new ArrayList<>();
    if (app.policy().suspend()) out.add(new Hold(Hold.Reason.SUSPENDED, "syncing is suspended (spec.suspend)"));
    if (status != null && status.pinned != null && status.pinned.revision != null) {
      out.add(new Hold(Hold.Reason.PINNED, "pinned to revision " + status.pinned.revision
          + " by a rollback: new commits are not synced until `keelson app sync` lifts the pin"));
    }
    if (!app.automated()) {
      out.add(new Hold(Hold.Reason.MANUAL_SYNC, "no automated sync: applied by `keelson app sync "
          + app.ref().name() + "`"));
    }
    if (app.policy().approvalRequired()) {
      out.add(new Hold(Hold.Reason.APPROVAL, "approvalRequired: waits for `keelson app approve " + app.ref().name()
          + "`"));
    }
    deps.cycle().ifPresent(c -> out.add(new Hold(Hold.Reason.DEPENDENCY, "dependency cycle: " + String.join(" -> ", c))));
    deps.notReady().ifPresent(why -> out.add(new Hold(Hold.Reason.DEPENDENCY, why)));
    SyncWindows.Verdict window = app.policy().windows().evaluate(now, !app.automated());
    if (!window.allowed()) {
      out.add(new Hold(Hold.Reason.SYNC_WINDOW, window.message()
          + (window.nextChange() == null ? "" : " (next change " + window.nextChange() + ")")));
    }
    return out;
  }
}
