package dev.keelson.core.plan.report;

import dev.keelson.core.model.ResourceKey;

/**
 * What a sync of the planned revision would do to one object. Unchanged objects have no entry.
 * {@code diff} is a unified diff of live against the server's dry-run result, Secret values masked.
 */
public sealed interface ObjectChange {
  ResourceKey key();

  /** The word the renderers print: create, update, delete, recreate, rejected, shared. */
  String action();

  /** The object does not exist yet. */
  record Create(ResourceKey key, String diff) implements ObjectChange {
    @Override
    public String action() {
      return "create";
    }
  }

  /** The object exists and the dry-run of the apply changes it. */
  record Update(ResourceKey key, String diff) implements ObjectChange {
    @Override
    public String action() {
      return "update";
    }
  }

  /** The object is no longer in Git but still carries the app's mark: a prune candidate. */
  record Delete(ResourceKey key, int wave, PruneMode mode, String diff) implements ObjectChange {
    @Override
    public String action() {
      return "delete";
    }
  }

  /**
   * The server refuses the change in place (an immutable field: a Deployment's selector, a Job's
   * template): only deleting and creating the object again applies it.
   */
  record Recreate(ResourceKey key, String reason, Remedy remedy) implements ObjectChange {
    @Override
    public String action() {
      return "recreate";
    }
  }

  /** The server's dry-run rejects the object for another reason: the sync would fail on it. */
  record Rejected(ResourceKey key, String reason) implements ObjectChange {
    @Override
    public String action() {
      return "rejected";
    }
  }

  /**
   * The object exists and carries another app's tracking mark: the sync skips it, or fails on it
   * with {@code FailOnSharedResource=true}.
   */
  record Shared(ResourceKey key, String owner, boolean failsSync) implements ObjectChange {
    @Override
    public String action() {
      return "shared";
    }

    public String describe() {
      return "managed by application " + owner + (failsSync ? ": the sync fails (FailOnSharedResource)"
          : ": the sync skips it");
    }
  }

  /** Whether a stale object is really deleted by the sync. */
  enum PruneMode {
    /** Deleted by the sync: the app prunes and the object allows it. */
    PRUNE,
    /** Left in place: the app's sync policy does not prune (it stays OutOfSync). */
    PRUNE_DISABLED,
    /** Left in place: the object says {@code Prune=false}. */
    PRUNE_FALSE;

    public String describe() {
      return switch (this) {
        case PRUNE -> "pruned";
        case PRUNE_DISABLED -> "kept: the app does not prune";
        case PRUNE_FALSE -> "kept: Prune=false";
      };
    }
  }

  /** What becomes of an object the server refuses to change in place. */
  enum Remedy {
    /** {@code Force=true}: the sync deletes and creates it. */
    FORCE_SET,
    /** Nothing lets the sync through: it fails on this object until Force=true is set or it is deleted by hand. */
    NEEDS_FORCE;

    public String describe() {
      return switch (this) {
        case FORCE_SET -> "Force=true: the sync deletes and creates it";
        case NEEDS_FORCE -> "the sync fails on it: set Force=true (sync-options) or delete it first;"
            + " Replace=true does not lift immutability";
      };
    }
  }
}
