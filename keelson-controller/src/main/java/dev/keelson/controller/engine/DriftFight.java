package dev.keelson.controller.engine;

import dev.keelson.core.model.ResourceKey;

/**
 * An object Keelson and another manager keep changing back: the other manager, how often Keelson
 * reverted it, and the ignoreDifferences rule that would end it (empty when the manager is no
 * controller).
 */
public record DriftFight(ResourceKey key, String manager, int rounds, String ignoreRule) {
  public String message() {
    return key + ": " + manager + " changed it back after each of the last " + rounds
        + " reverts by keelson; keelson no longer reverts it"
        + (ignoreRule.isEmpty() ? "" : ". To leave these fields to " + manager + ", add to the Application's spec:\n"
            + ignoreRule);
  }
}
