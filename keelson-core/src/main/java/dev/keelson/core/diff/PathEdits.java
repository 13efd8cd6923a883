package dev.keelson.core.diff;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes and sets fields by path in a mutable JSON-model object. Every path of one batch refers
 * to the object as it was before the batch: a removed list element is first marked and only
 * dropped by {@link #sweep}, so that removing element 0 does not move element 1 under a later
 * path.
 *
 * <p>A path is a list of map keys (String) and list indices (Integer). A String that is a decimal
 * index also addresses a list element, as a JSON pointer token does: a pointer to a field the live
 * object lacks could not be typed against it.
 */
final class PathEdits {
  private static final Object REMOVED = new Object() {
    @Override
    public String toString() {
      return "<removed>";
    }
  };

  private PathEdits() {}

  /** The value at the path, or null when there is none. */
  static Object get(Object root, List<Object> path) {
    Object node = root;
    for (Object step : path) {
      node = child(node, step);
      if (node == null || node == REMOVED) return null;
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  static void remove(Object root, List<Object> path) {
    if (path.isEmpty()) return;
    Object parent = get(root, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (parent instanceof Map<?, ?> map && last instanceof String key) {
      map.remove(key);
    } else if (parent instanceof List<?> list) {
      int i = index(list, last);
      if (i >= 0) ((List<Object>) list).set(i, REMOVED);
    }
  }

  /**
   * Puts the value at the path. Maps missing on the way are created where the shape (the object
   * the value comes from) has a map too; missing list elements are not created (there is no
   * telling what the rest of such an element would be), and then nothing is set.
   */
  @SuppressWarnings("unchecked")
  static void set(Object root, List<Object> path, Object value, Object shape) {
    if (path.isEmpty()) return;
    Object node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object step = path.get(i);
      Object next = child(node, step);
      if (next == null && node instanceof Map<?, ?> map && step instanceof String key
          && get(shape, path.subList(0, i + 1)) instanceof Map<?, ?>) {
        next = new LinkedHashMap<String, Object>();
        ((Map<String, Object>) map).put(key, next);
      }
      if (!(next instanceof Map<?, ?>) && !(next instanceof List<?>)) return;
      node = next;
    }
    Object last = path.get(path.size() - 1);
    if (node instanceof Map<?, ?> map && last instanceof String key) {
      ((Map<String, Object>) map).put(key, value);
    } else if (node instanceof List<?> list) {
      int i = index(list, last);
      if (i >= 0) ((List<Object>) list).set(i, value);
    }
  }

  /** Drops the list elements {@link #remove} marked, at every depth. */
  static void sweep(Object node) {
    if (node instanceof Map<?, ?> map) {
      map.values().forEach(PathEdits::sweep);
    } else if (node instanceof List<?> list) {
      for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
        Object item = it.next();
        if (item == REMOVED) {
          it.remove();
        } else {
          sweep(item);
        }
      }
    }
  }

  private static Object child(Object node, Object step) {
    if (node instanceof Map<?, ?> map) return step instanceof String key ? map.get(key) : null;
    if (node instanceof List<?> list) {
      int i = index(list, step);
      return i >= 0 ? list.get(i) : null;
    }
    return null;
  }

  private static int index(List<?> list, Object step) {
    int i = -1;
    if (step instanceof Integer n) {
      i = n;
    } else if (step instanceof String s && JsonPointers.isIndex(s)) {
      i = Integer.parseInt(s);
    }
    return i >= 0 && i < list.size() ? i : -1;
  }
}
