package dev.keelson.controller.engine;

import dev.keelson.core.model.ResourceKey;

/** GROUP:KIND:NAME as given to {@code keelson app sync --resource} (Argo CD's format); any namespace. */
record ResourceSelector(String group, String kind, String name) {
  static ResourceSelector parse(String value) {
    String[] parts = value.split(":", -1);
    if (parts.length != 3 || parts[1].isBlank() || parts[2].isBlank()) {
      throw new IllegalArgumentException("resource selection must be GROUP:KIND:NAME, not " + value);
    }
    return new ResourceSelector(parts[0].trim(), parts[1].trim(), parts[2].trim());
  }

  boolean matches(ResourceKey key) {
    return key.group().equals(group) && key.kind().equals(kind) && key.name().equals(name);
  }
}
