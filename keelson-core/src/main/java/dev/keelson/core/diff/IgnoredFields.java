package dev.keelson.core.diff;

import dev.keelson.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@link IgnoreRule}s to one object. The same fields serve two purposes: when comparing,
 * they are removed from both sides ({@link #removeFrom}); when applying, the desired object takes
 * their live values ({@link #keepLive}), so that a server-side apply leaves what is live alone
 * instead of reverting, say, the replicas an autoscaler set.
 *
 * <p>A path is a list of map keys (String) and list indices (Integer), e.g.
 * {@code ["spec", "template", "spec", "containers", 0, "image"]}.
 */
public final class IgnoredFields {
  /** The object's identity: ignoring these would make the object unaddressable. */
  private static final Set<List<Object>> PROTECTED = Set.of(
      List.of(),
      List.of("kind"),
      List.of("apiVersion"),
      List.of("metadata"),
      List.of("metadata", "name"),
      List.of("metadata", "namespace"));

  private IgnoredFields() {}

  /**
   * The fields to ignore in this object: every JSON pointer of the matching rules, and every field
   * owned in the live object's managedFields by one of their managers. Pointers are resolved
   * against the live object (a token addressing a live list becomes an index); pointers to fields
   * live lacks are returned too, so that desired can drop them. Paths to the object's kind,
   * apiVersion, name or namespace (or to the whole object or its metadata) are never returned.
   *
   * @param live the live object, or null when it does not exist yet
   * @return distinct immutable paths, pointers first
   */
  public static List<List<Object>> paths(List<IgnoreRule> rules, ResourceKey key, Map<String, Object> live) {
    Set<List<Object>> paths = new LinkedHashSet<>();
    List<String> managers = new ArrayList<>();
    for (IgnoreRule rule : rules) {
      if (!rule.matches(key)) continue;
      for (String pointer : rule.jsonPointers()) {
        paths.add(resolve(JsonPointers.parse(pointer), live));
      }
      managers.addAll(rule.managedFieldsManagers());
    }
    paths.addAll(ManagedFieldPaths.ownedBy(live, managers));
    paths.removeIf(PROTECTED::contains);
    return List.copyOf(paths);
  }

  /** A copy of the object without the fields at the paths; null stays null. */
  public static Map<String, Object> removeFrom(Map<String, Object> object, List<List<Object>> paths) {
    if (object == null) return null;
    Map<String, Object> copy = JsonValues.deepCopy(object);
    for (List<Object> path : paths) PathEdits.remove(copy, path);
    PathEdits.sweep(copy);
    return copy;
  }

  /**
   * A copy of desired in which each path holds the live value, or nothing where live has none.
   * Maps missing in desired on the way to a live value are created; list elements are not, so a
   * value inside a list element desired does not have is left out. A path that cannot be followed
   * in desired (a scalar where live has a map) leaves desired's value alone. With no live object
   * there is nothing to keep and desired is returned as it is (copied).
   */
  public static Map<String, Object> keepLive(
      Map<String, Object> desired, Map<String, Object> live, List<List<Object>> paths) {
    Map<String, Object> copy = JsonValues.deepCopy(desired);
    if (live == null || copy == null) return copy;
    for (List<Object> path : paths) {
      Object liveValue = PathEdits.get(live, path);
      if (liveValue == null) {
        PathEdits.remove(copy, path);
      } else {
        PathEdits.set(copy, path, JsonValues.deepCopy(liveValue), live);
      }
    }
    PathEdits.sweep(copy);
    return copy;
  }

  private static List<Object> resolve(List<String> tokens, Map<String, Object> live) {
    List<Object> path = new ArrayList<>(tokens.size());
    Object node = live;
    for (String token : tokens) {
      if (node instanceof List<?> list && JsonPointers.isIndex(token)) {
        int i = Integer.parseInt(token);
        path.add(i);
        node = i < list.size() ? list.get(i) : null;
      } else {
        path.add(token);
        node = node instanceof Map<?, ?> map ? map.get(token) : null;
      }
    }
    return List.copyOf(path);
  }
}
