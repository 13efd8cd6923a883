package dev.keelson.core.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Helpers over the JSON model (maps, lists, scalars) that objects are handled in. */
public final class JsonValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonValues() {}

  /** Compact JSON with sorted keys: a stable text for digests. */
  public static String canonicalJson(Object value) {
    try {
      return JSON.writeValueAsString(canonical(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON value", e);
    }
  }

  @SuppressWarnings("unchecked")
  public static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(v -> copy.add(deepCopy(v)));
      return (T) copy;
    }
    return value;
  }

  /** Same value with map keys sorted, numbers widened: equal JSON gives equal results. */
  public static Object canonical(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
      return sorted;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(canonical(v)));
      return out;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p62) {
      return d.longValue();
    }
    return value;
  }

  public static boolean semanticallyEqual(Object a, Object b) {
    return canonical(a).equals(canonical(b));
  }

  public static Object path(Object root, String... keys) {
    Object cur = root;
    for (String k : keys) {
      if (!(cur instanceof Map<?, ?> map)) return null;
      cur = map.get(k);
    }
    return cur;
  }
}
