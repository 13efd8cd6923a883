package dev.keelson.core.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live object seen through the shape of the desired one: for every field the desired object
 * sets, the live value at the same place; nothing else. Server defaults, status and fields other
 * managers added are outside the shape and so never count as drift.
 *
 * <p>Lists of maps that carry a {@code name} (containers, ports, env, volumes) are matched by
 * name, other lists by position, as the API server's merge keys mostly do.
 */
public final class Projection {
  private Projection() {}

  public static Object project(Object desired, Object live) {
    if (desired instanceof Map<?, ?> d) {
      if (!(live instanceof Map<?, ?> l)) return live == null ? null : live;
      Map<String, Object> out = new LinkedHashMap<>();
      d.forEach((k, v) -> out.put(String.valueOf(k), project(v, l.get(k))));
      return out;
    }
    if (desired instanceof List<?> d) {
      if (!(live instanceof List<?> l)) return live;
      List<Object> out = new ArrayList<>(d.size());
      for (int i = 0; i < d.size(); i++) {
        Object want = d.get(i);
        out.add(project(want, counterpart(want, i, l)));
      }
      if (l.size() != d.size() && !allNamed(d)) {
        out.add(Map.of("$length", l.size()));
      }
      return out;
    }
    return live;
  }

  private static Object counterpart(Object want, int index, List<?> live) {
    Object name = want instanceof Map<?, ?> m ? m.get("name") : null;
    if (name != null) {
      for (Object candidate : live) {
        if (candidate instanceof Map<?, ?> c && name.equals(c.get("name"))) return candidate;
      }
      return null;
    }
    return index < live.size() ? live.get(index) : null;
  }

  private static boolean allNamed(List<?> list) {
    return !list.isEmpty()
        && list.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get("name") != null);
  }
}
