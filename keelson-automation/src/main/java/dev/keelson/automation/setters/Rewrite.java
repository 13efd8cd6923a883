package dev.keelson.automation.setters;

import java.util.List;

/** A file's text after its values were set, with what changed (empty when nothing did). */
public record Rewrite(String text, List<Change> changes) {
  public boolean changed() {
    return !changes.isEmpty();
  }
}
