package dev.keelson.controller.engine;

import dev.keelson.core.model.ResourceKey;

/**
 * What a sync did to one object, like Flux's change set: feeds status, events and CLI output.
 */
public record ApplyAction(ResourceKey key, Action action, String message) {
  public enum Action {
    Created,
    Configured,
    Unchanged,
    Pruned,
    PruneSkipped,
    /** Not written: another app manages it (and FailOnSharedResource is off). */
    Skipped,
    Failed
  }

  @Override
  public String toString() {
    return key + " " + action.name().toLowerCase() + (message == null || message.isEmpty() ? "" : ": " + message);
  }
}
