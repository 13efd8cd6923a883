package dev.keelson.cli.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One object of the input, read field by field. Every field read is marked; {@link #finish()}
 * reports each field nobody read, so that a field the converter does not know about (a newer
 * Argo CD or Flux field, a typo) is never dropped in silence.
 */
final class Fields {
  private final Map<String, Object> map;
  private final String path;
  private final ObjectRef object;
  private final ImportReport report;
  private final Set<String> read = new LinkedHashSet<>();
  private final List<Fields> children = new ArrayList<>();

  private Fields(Map<String, Object> map, String path, ObjectRef object, ImportReport report) {
    this.map = map;
    this.path = path;
    this.object = object;
    this.report = report;
  }

  /** The whole input object; paths start at its top level. */
  static Fields root(Map<String, Object> object, ImportReport report) {
    return new Fields(object, "", ObjectRef.of(object), report);
  }

  ObjectRef object() {
    return object;
  }

  String path() {
    return path;
  }

  /** The path of one of this object's fields. */
  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  /** A field's value without marking it read (to decide how to read the object). */
  Object peek(String key) {
    return map.get(key);
  }

  /** A scalar as text (numbers and booleans too), or null. */
  String string(String key) {
    Object v = take(key);
    if (v == null) return null;
    if (v instanceof Map || v instanceof List) {
      warn(key, "expected a single value; not carried over");
      return null;
    }
    return v.toString();
  }

  Boolean bool(String key) {
    Object v = take(key);
    if (v == null) return null;
    if (v instanceof Boolean b) return b;
    String s = v.toString().trim();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) return Boolean.valueOf(s);
    warn(key, "expected true or false; not carried over");
    return null;
  }

  /** A number kept as the input wrote it (an integer stays an integer), or null. */
  Object number(String key) {
    Object v = take(key);
    if (v == null || v instanceof Number) return v;
    try {
      return Long.valueOf(v.toString().trim());
    } catch (NumberFormatException e) {
      warn(key, "expected a number; not carried over");
      return null;
    }
  }

  /** A nested object, or null; its own unread fields are reported by {@link #finish()}. */
  Fields object(String key) {
    Object v = take(key);
    if (v == null) return null;
    if (!(v instanceof Map<?, ?> m)) {
      warn(key, "expected an object; not carried over");
      return null;
    }
    return child(m, path(key));
  }

  /** A list of objects; entries that are not objects are reported. */
  List<Fields> objects(String key) {
    Object v = take(key);
    List<Fields> out = new ArrayList<>();
    if (v == null) return out;
    if (!(v instanceof List<?> list)) {
      warn(key, "expected a list; not carried over");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof Map<?, ?> m) {
        out.add(child(m, path(key) + "[" + i + "]"));
      } else {
        report.warn(object, path(key) + "[" + i + "]", "expected an object; not carried over");
      }
    }
    return out;
  }

  /** A list of scalars as text, or null when absent. */
  List<String> strings(String key) {
    Object v = take(key);
    if (v == null) return null;
    if (v instanceof Map) {
      warn(key, "expected a list; not carried over");
      return null;
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (o != null) out.add(o.toString());
      }
      return out;
    }
    // Flux and Argo CD both accept a single string where a list is expected in a few places.
    return List.of(v.toString());
  }

  /** A map of strings (labels, annotations, substitute), or null when absent. */
  Map<String, String> stringMap(String key) {
    Object v = take(key);
    if (v == null) return null;
    if (!(v instanceof Map<?, ?> m)) {
      warn(key, "expected an object; not carried over");
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, val) -> out.put(k.toString(), val == null ? "" : val.toString()));
    return out;
  }

  /** A field carried over whole, as it is (its inside has the same meaning in Keelson). */
  Object raw(String key) {
    return take(key);
  }

  /** Reports a field that is present, with the reason it is not carried over. */
  void drop(String key, String why) {
    if (take(key) != null) warn(key, why);
  }

  /** Marks fields read that need no report (runtime state, values Keelson derives itself). */
  void ignore(String... keys) {
    for (String k : keys) take(k);
  }

  /** Reports a field of this object. */
  void warn(String key, String why) {
    report.warn(object, path(key), why);
  }

  /** Reports this object as a whole. */
  void warnHere(String why) {
    report.warn(object, path, why);
  }

  /** Reports every field nobody read, here and in the nested objects read through this one. */
  void finish() {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (e.getValue() != null && !read.contains(e.getKey())) {
        report.warn(object, path(e.getKey()), ImportReport.NO_EQUIVALENT);
      }
    }
    read.addAll(map.keySet());
    for (Fields c : children) c.finish();
    children.clear();
  }

  private Object take(String key) {
    read.add(key);
    return map.get(key);
  }

  @SuppressWarnings("unchecked")
  private Fields child(Map<?, ?> m, String childPath) {
    Fields f = new Fields((Map<String, Object>) m, childPath, object, report);
    children.add(f);
    return f;
  }
}
