package dev.keelson.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lenient access to JSON-model objects. Live objects come from many controllers and versions, so
 * a missing or oddly typed field reads as absent instead of failing the whole assessment.
 */
final class Fields {
  private Fields() {}

  static Object get(Map<String, Object> object, String... path) {
    Object current = object;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> object, String... path) {
    return get(object, path) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The string at path, or "" when absent or not a string. */
  static String string(Map<String, Object> object, String... path) {
    return get(object, path) instanceof String s ? s : "";
  }

  static long number(Map<String, Object> object, long absent, String... path) {
    Object value = get(object, path);
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return absent;
      }
    }
    return absent;
  }

  static boolean isTrue(Map<String, Object> object, String... path) {
    Object value = get(object, path);
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  static boolean has(Map<String, Object> object, String... path) {
    return get(object, path) != null;
  }

  /** The maps in the list at path, skipping anything that is not a map. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Map<String, Object> object, String... path) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (get(object, path) instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  static boolean nonEmptyList(Map<String, Object> object, String... path) {
    return get(object, path) instanceof List<?> list && !list.isEmpty();
  }

  static List<Condition> conditions(Map<String, Object> object) {
    return maps(object, "status", "conditions").stream().map(Condition::of).toList();
  }

  static Optional<Condition> condition(Map<String, Object> object, String type) {
    return conditions(object).stream().filter(c -> c.type().equals(type)).findFirst();
  }

  static long generation(Map<String, Object> object) {
    return number(object, 0, "metadata", "generation");
  }

  static long observedGeneration(Map<String, Object> object) {
    return number(object, 0, "status", "observedGeneration");
  }

  static String name(Map<String, Object> object) {
    return string(object, "metadata", "name");
  }
}
