package dev.keelson.core.sync;

/**
 * What a sync operation is to a Helm release, which decides the Helm hooks that run in it: the
 * first sync installs, later syncs upgrade, and a rollback rolls back.
 */
public enum ReleaseAction {
  Install,
  Upgrade,
  Rollback
}
