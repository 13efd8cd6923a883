package dev.keelson.core.appset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parameter set. In FAST style its values are strings keyed by flat names
 * ({@code metadata.labels.env}); in GO style they are nested maps, lists and scalars.
 */
public record Params(Map<String, Object> values) {
  public Params {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Flat string view: nested maps joined with dots, list items by index (a.0), as Argo CD flattens. */
  public Map<String, String> flat() {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", values, out);
    return out;
  }

  static void flatten(String prefix, Object value, Map<String, String> out) {
    if (value instanceof Map<?, ?> m) {
      if (m.isEmpty() && !prefix.isEmpty()) out.put(prefix, "");
      m.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) flatten(prefix + "." + i, l.get(i), out);
    } else {
      out.put(prefix, value == null ? "" : String.valueOf(value));
    }
  }
}
