package dev.keelson.core.sync;

import java.util.Locale;

/**
 * The events of Helm's {@code helm.sh/hook} annotation with Helm's own meaning: an install hook
 * runs only when the release is installed, an upgrade hook only on later syncs, a rollback hook
 * only on a rollback (Argo CD runs both install and upgrade hooks on every sync, argo-cd #7536).
 */
public enum HelmHookEvent {
  PreInstall("pre-install", SyncPhase.PreSync, ReleaseAction.Install),
  PostInstall("post-install", SyncPhase.PostSync, ReleaseAction.Install),
  PreUpgrade("pre-upgrade", SyncPhase.PreSync, ReleaseAction.Upgrade),
  PostUpgrade("post-upgrade", SyncPhase.PostSync, ReleaseAction.Upgrade),
  PreRollback("pre-rollback", SyncPhase.PreSync, ReleaseAction.Rollback),
  PostRollback("post-rollback", SyncPhase.PostSync, ReleaseAction.Rollback),
  PreDelete("pre-delete", SyncPhase.PreDelete, null),
  PostDelete("post-delete", SyncPhase.PostDelete, null);

  private final String helmName;
  private final SyncPhase phase;
  private final ReleaseAction action;

  HelmHookEvent(String helmName, SyncPhase phase, ReleaseAction action) {
    this.helmName = helmName;
    this.phase = phase;
    this.action = action;
  }

  /** The event for Helm's name of it (case-insensitive), or null. */
  public static HelmHookEvent parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (HelmHookEvent e : values()) {
      if (e.helmName.equals(n)) return e;
    }
    return null;
  }

  public String helmName() {
    return helmName;
  }

  public SyncPhase phase() {
    return phase;
  }

  /** Whether the hook runs in an operation of this kind; deletion hooks run only on deletion. */
  public boolean runsOn(ReleaseAction kind) {
    return action == kind;
  }
}
