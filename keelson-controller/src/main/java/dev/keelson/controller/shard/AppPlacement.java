package dev.keelson.controller.shard;

import dev.keelson.core.tracking.AppRef;

/**
 * Whether this replica reconciles an app: every app unless Applications are sharded, else the
 * apps it holds. What reaches one replica for an app another holds (a webhook push, a commit
 * Keelson pushed) must be handed on through the API server instead.
 */
@FunctionalInterface
public interface AppPlacement {
  AppPlacement EVERY_APP = app -> true;

  boolean here(AppRef app);
}
