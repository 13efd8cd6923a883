package dev.keelson.core.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields some managers own in a live object, read from {@code metadata.managedFields}. Each
 * entry's {@code fieldsV1} is a tree of path elements: {@code f:<name>} a map field,
 * {@code k:<json>} the list element whose fields have those values, {@code v:<json>} the list
 * element equal to that value, {@code i:<n>} the list element at that index, and {@code .} the
 * node itself. A leaf is an element whose value is {@code {}}.
 *
 * <p>Paths come out in the JSON model's terms (map keys and list indices) resolved against the
 * live object, because that is what can be removed from or copied out of an object.
 */
final class ManagedFieldPaths {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManagedFieldPaths() {}

  /** Paths of every leaf owned by one of the managers, in managedFields order. */
  static List<List<Object>> ownedBy(Map<String, Object> live, Collection<String> managers) {
    List<List<Object>> out = new ArrayList<>();
    if (live == null || managers.isEmpty()) return out;
    Set<String> wanted = Set.copyOf(managers);
    if (!(JsonValues.path(live, "metadata", "managedFields") instanceof List<?> entries)) return out;
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> e) || !(e.get("manager") instanceof String manager)) continue;
      if (!wanted.contains(manager)) continue;
      Object type = e.get("fieldsType");
      if (type != null && !"FieldsV1".equals(type)) continue; // the only format there is so far
      if (e.get("fieldsV1") instanceof Map<?, ?> fields) walk(fields, live, List.of(), out);
    }
    return out;
  }

  /** Paths of every leaf one managedFields entry's {@code fieldsV1} owns in the live object. */
  static List<List<Object>> ownedByEntry(Map<?, ?> fieldsV1, Map<String, Object> live) {
    List<List<Object>> out = new ArrayList<>();
    walk(fieldsV1, live, List.of(), out);
    return out;
  }

  private static void walk(Map<?, ?> fields, Object node, List<Object> path, List<List<Object>> out) {
    for (Map.Entry<?, ?> field : fields.entrySet()) {
      String element = String.valueOf(field.getKey());
      if (element.equals(".")) {
        out.add(path);
        continue;
      }
      if (!(field.getValue() instanceof Map<?, ?> children)) continue;
      Object step = step(element, node);
      if (step == null) continue; // a list element the live object no longer has
      List<Object> childPath = append(path, step);
      if (children.isEmpty()) {
        out.add(childPath);
      } else {
        walk(children, child(node, step), childPath, out);
      }
    }
  }

  /** The map key (String) or list index (Integer) an element selects, or null when none. */
  private static Object step(String element, Object node) {
    if (element.length() < 2 || element.charAt(1) != ':') return null;
    String body = element.substring(2);
    switch (element.charAt(0)) {
      case 'f':
        return body;
      case 'k':
        return node instanceof List<?> list && parse(body) instanceof Map<?, ?> keys ? indexOfKeys(list, keys) : null;
      case 'v':
        return node instanceof List<?> list ? indexOfValue(list, body) : null;
      case 'i':
        return node instanceof List<?> list && JsonPointers.isIndex(body) && Integer.parseInt(body) < list.size()
            ? Integer.parseInt(body)
            : null;
      default:
        return null;
    }
  }

  private static Integer indexOfKeys(List<?> list, Map<?, ?> keys) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof Map<?, ?> item && hasFields(item, keys)) return i;
    }
    return null;
  }

  private static boolean hasFields(Map<?, ?> item, Map<?, ?> keys) {
    for (Map.Entry<?, ?> key : keys.entrySet()) {
      if (!item.containsKey(key.getKey())) return false;
      // Numbers compare by value: the key says 80 where the object may hold 80L.
      if (!sameValue(key.getValue(), item.get(key.getKey()))) return false;
    }
    return true;
  }

  private static Integer indexOfValue(List<?> list, String json) {
    Object value = parse(json);
    if (value == NOT_JSON) return null;
    for (int i = 0; i < list.size(); i++) {
      if (sameValue(value, list.get(i))) return i;
    }
    return null;
  }

  /** Equal as JSON (80 and 80L alike), null included. */
  private static boolean sameValue(Object a, Object b) {
    return Objects.equals(JsonValues.canonical(a), JsonValues.canonical(b));
  }

  private static final Object NOT_JSON = new Object();

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      return NOT_JSON;
    }
  }

  private static Object child(Object node, Object step) {
    if (node instanceof Map<?, ?> map && step instanceof String key) return map.get(key);
    if (node instanceof List<?> list && step instanceof Integer i && i < list.size()) return list.get(i);
    return null;
  }

  private static List<Object> append(List<Object> path, Object step) {
    List<Object> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(step);
    return List.copyOf(out);
  }
}
