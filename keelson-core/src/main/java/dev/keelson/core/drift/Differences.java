package dev.keelson.core.drift;

import dev.keelson.core.diff.DiffNormalizer;
import dev.keelson.core.diff.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leaves in which a live object differs from what applying the desired one would make of it
 * (the server's dry-run result), server-maintained fields left out. Lists of equal length are
 * compared element by element; lists whose length differs count as one difference.
 */
final class Differences {
  /** One differing leaf: its path and both values (null where absent). */
  record Difference(List<Object> path, Object live, Object desired) {}

  private Differences() {}

  static List<Difference> between(Map<String, Object> live, Map<String, Object> predicted) {
    List<Difference> out = new ArrayList<>();
    walk(DiffNormalizer.normalize(live), DiffNormalizer.normalize(predicted), List.of(), out);
    return out;
  }

  private static void walk(Object live, Object desired, List<Object> path, List<Difference> out) {
    // a key both sides hold as null (a Deployment's creationTimestamp: null) is no difference
    if (live == null && desired == null) return;
    if (live != null && desired != null && JsonValues.semanticallyEqual(live, desired)) return;
    if (live instanceof Map<?, ?> l && desired instanceof Map<?, ?> d) {
      Set<Object> keys = new LinkedHashSet<>(d.keySet());
      keys.addAll(l.keySet());
      for (Object k : keys) walk(l.get(k), d.get(k), append(path, String.valueOf(k)), out);
      return;
    }
    if (live instanceof List<?> l && desired instanceof List<?> d && l.size() == d.size()) {
      for (int i = 0; i < l.size(); i++) walk(l.get(i), d.get(i), append(path, i), out);
      return;
    }
    out.add(new Difference(path, live, desired));
  }

  private static List<Object> append(List<Object> path, Object step) {
    List<Object> p = new ArrayList<>(path);
    p.add(step);
    return List.copyOf(p);
  }
}
