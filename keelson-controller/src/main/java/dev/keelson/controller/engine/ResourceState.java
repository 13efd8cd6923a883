package dev.keelson.controller.engine;

import dev.keelson.core.model.Manifest;
import java.util.Map;

/**
 * One desired object compared with the live one.
 *
 * @param live the live object (null when missing)
 * @param predicted what the live object would become if applied (server dry-run), when computed
 */
public record ResourceState(
    Manifest desired, Map<String, Object> live, Map<String, Object> predicted, Sync sync, String message) {

  public enum Sync {
    /** Live matches desired. */
    Synced,
    /** Live differs from desired. */
    OutOfSync,
    /** The object does not exist yet. */
    Missing,
    /** Another app's object has this identity; Keelson will not take it over. */
    Conflict,
    /** Could not be compared (e.g. its kind is defined by a CRD not applied yet). */
    Unknown;

    public boolean needsApply() {
      return this == OutOfSync || this == Missing || this == Unknown;
    }
  }
}
