package dev.keelson.core.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who owns which fields of a live object, entry by entry of {@code metadata.managedFields}: the
 * manager, how it wrote (Apply or Update), when, and through which subresource (scale, status).
 */
public final class FieldOwners {
  private FieldOwners() {}

  /**
   * @param time the entry's timestamp as the server wrote it (RFC 3339), or null
   * @param subresource empty for the object itself
   * @param paths the leaves it owns, in the JSON model's terms (map keys, list indices)
   */
  public record Entry(String manager, String operation, String time, String subresource, List<List<Object>> paths) {
    public Entry {
      paths = List.copyOf(paths);
    }
  }

  public static List<Entry> of(Map<String, Object> live) {
    List<Entry> out = new ArrayList<>();
    if (live == null || !(JsonValues.path(live, "metadata", "managedFields") instanceof List<?> entries)) return out;
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> e) || !(e.get("manager") instanceof String manager)) continue;
      Object type = e.get("fieldsType");
      if (type != null && !"FieldsV1".equals(type)) continue;
      if (!(e.get("fieldsV1") instanceof Map<?, ?> fields)) continue;
      out.add(new Entry(manager, text(e.get("operation")), e.get("time") instanceof String t ? t : null,
          text(e.get("subresource")), ManagedFieldPaths.ownedByEntry(fields, live)));
    }
    return out;
  }

  private static String text(Object o) {
    return o instanceof String s ? s : "";
  }
}
