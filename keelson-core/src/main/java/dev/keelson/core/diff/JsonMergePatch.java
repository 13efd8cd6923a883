package dev.keelson.core.diff;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds JSON merge patches (RFC 7386): the patch that turns one document into another. Unlike a
 * JSON patch (RFC 6902), whose operations address list positions and fail when the document on
 * the server is not the one they were computed from, a merge patch names values, not positions:
 * applied to the document it was computed from it gives exactly the target, and applied to any
 * other it never fails.
 */
public final class JsonMergePatch {
  private JsonMergePatch() {}

  /**
   * @param base the document as it is (null for none)
   * @param target the document as it should be
   * @return the patch: changed and new values, {@code null} for removed keys, nested maps patched
   *     key by key; lists are replaced whole. Empty when the two are equal.
   */
  public static Map<String, Object> diff(Map<String, Object> base, Map<String, Object> target) {
    Map<String, Object> patch = new LinkedHashMap<>();
    Map<String, Object> from = base == null ? Map.of() : base;
    for (Map.Entry<String, Object> e : target.entrySet()) {
      Object before = from.get(e.getKey());
      Object after = e.getValue();
      if (after == null) {
        if (from.containsKey(e.getKey()) && before != null) patch.put(e.getKey(), null);
        continue;
      }
      if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
        Map<String, Object> nested = diff(cast(b), cast(a));
        if (!nested.isEmpty()) patch.put(e.getKey(), nested);
      } else if (!Objects.equals(JsonValues.canonical(before), JsonValues.canonical(after))) {
        patch.put(e.getKey(), after);
      }
    }
    for (Map.Entry<String, Object> e : from.entrySet()) {
      if (!target.containsKey(e.getKey()) && e.getValue() != null) patch.put(e.getKey(), null);
    }
    return patch;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
