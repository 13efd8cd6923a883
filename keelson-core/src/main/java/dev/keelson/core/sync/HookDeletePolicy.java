package dev.keelson.core.sync;

/** When a hook object is deleted (Argo CD's policies; Helm's are mapped onto them). */
public enum HookDeletePolicy {
  /** Deleted once it succeeded. */
  HookSucceeded,
  /** Deleted once it failed. */
  HookFailed,
  /** A previous instance is deleted before the hook is created again (the default). */
  BeforeHookCreation
}
