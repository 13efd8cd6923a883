package dev.keelson.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an object's annotations leniently and collects what could not be read. Annotations come
 * from user manifests, so a bad value becomes a warning on the object rather than a failed sync.
 */
final class AnnotationReader {
  /** One annotation that was found, with its value as text. */
  record Found(String key, String value) {
    /** The comma separated items of the value, trimmed, empty ones dropped. */
    List<String> items() {
      List<String> out = new ArrayList<>();
      for (String item : value.split(",")) {
        if (!item.isBlank()) out.add(item.trim());
      }
      return out;
    }
  }

  private final Map<?, ?> annotations;
  private final List<String> warnings = new ArrayList<>();

  AnnotationReader(Map<String, Object> object) {
    Object metadata = object == null ? null : object.get("metadata");
    Object found = metadata instanceof Map<?, ?> m ? m.get("annotations") : null;
    this.annotations = found instanceof Map<?, ?> a ? a : Map.of();
  }

  /**
   * The first of the keys (in precedence order) that has a readable value. A value that is not
   * text is warned about and passed over, so that a readable alias still counts.
   */
  Optional<Found> first(List<String> keys) {
    for (String key : keys) {
      Object value = annotations.get(key);
      if (value == null) continue;
      // Kubernetes only stores strings, but a manifest parsed locally may carry `sync-wave: 5`.
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        return Optional.of(new Found(key, String.valueOf(value)));
      }
      warn(key, value, "is not a string; ignored");
    }
    return Optional.empty();
  }

  void warn(String key, Object value, String problem) {
    warnings.add(key + ": \"" + value + "\" " + problem);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }
}
