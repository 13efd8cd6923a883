package dev.keelson.core.diff;

import dev.keelson.core.model.ResourceKey;
import java.util.List;
import java.util.Objects;

/**
 * Fields of matching objects that are neither compared nor overwritten: one entry of an
 * Application's {@code ignoreDifferences}, with Argo CD's meaning.
 *
 * @param group API group; "" (or null) is the core group; {@code *} and {@code ?} are wildcards
 * @param kind kind; null or "" matches every kind; {@code *} and {@code ?} are wildcards
 * @param name only the object of this name; null or "" for all
 * @param namespace only objects in this namespace; null or "" for all
 * @param jsonPointers RFC 6901 pointers of ignored fields, e.g. {@code /spec/replicas}
 * @param managedFieldsManagers managers (as in {@code metadata.managedFields[].manager}) whose
 *     fields are ignored, e.g. {@code kube-controller-manager}
 */
public record IgnoreRule(
    String group,
    String kind,
    String name,
    String namespace,
    List<String> jsonPointers,
    List<String> managedFieldsManagers) {

  /**
   * @throws IllegalArgumentException when a pointer is not a JSON pointer, so that a typo in a
   *     rule is reported where the rule is read instead of silently ignoring nothing
   */
  public IgnoreRule {
    group = group == null ? "" : group;
    jsonPointers = withoutNulls(jsonPointers);
    managedFieldsManagers = withoutNulls(managedFieldsManagers);
    jsonPointers.forEach(JsonPointers::parse);
  }

  public boolean matches(ResourceKey key) {
    return Wildcards.matches(group, key.group())
        && (isAny(kind) || Wildcards.matches(kind, key.kind()))
        && (isAny(name) || name.equals(key.name()))
        && (isAny(namespace) || namespace.equals(key.namespace()));
  }

  private static boolean isAny(String value) {
    return value == null || value.isEmpty();
  }

  private static List<String> withoutNulls(List<String> values) {
    return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
  }

  /** Argo CD matches group and kind as globs (e.g. {@code *} for all groups); * and ? cover the use. */
  private static final class Wildcards {
    static boolean matches(String pattern, String text) {
      return matches(pattern, 0, text, 0);
    }

    private static boolean matches(String p, int pi, String t, int ti) {
      while (pi < p.length()) {
        char c = p.charAt(pi);
        if (c == '*') {
          for (int skip = ti; skip <= t.length(); skip++) {
            if (matches(p, pi + 1, t, skip)) return true;
          }
          return false;
        }
        if (ti >= t.length() || (c != '?' && c != t.charAt(ti))) return false;
        pi++;
        ti++;
      }
      return ti == t.length();
    }
  }
}
