package dev.keelson.auth.rbac;

/**
 * A policy pattern: {@code *} any run of characters (slashes included, as Argo CD's glob match
 * has no separator, so {@code team-a/*} covers {@code team-a/ns/app}), {@code ?} one character.
 * Compiled once per policy load, since a list call checks it for every app.
 */
public sealed interface Glob {
  boolean matches(String value);

  static Glob of(String pattern) {
    if (pattern.equals("*")) return new Any();
    if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) return new Exact(pattern);
    if (pattern.endsWith("*") && pattern.indexOf('*') == pattern.length() - 1 && pattern.indexOf('?') < 0) {
      return new Prefix(pattern.substring(0, pattern.length() - 1));
    }
    return new Wildcard(pattern);
  }

  record Any() implements Glob {
    @Override
    public boolean matches(String value) {
      return true;
    }
  }

  record Exact(String text) implements Glob {
    @Override
    public boolean matches(String value) {
      return text.equals(value);
    }
  }

  record Prefix(String prefix) implements Glob {
    @Override
    public boolean matches(String value) {
      return value.startsWith(prefix);
    }
  }

  /** Greedy matching with one backtrack point per star: linear in practice, no regex engine. */
  record Wildcard(String pattern) implements Glob {
    @Override
    public boolean matches(String value) {
      int p = 0;
      int v = 0;
      int star = -1;
      int resume = 0;
      while (v < value.length()) {
        if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
          p++;
          v++;
        } else if (p < pattern.length() && pattern.charAt(p) == '*') {
          star = p++;
          resume = v;
        } else if (star >= 0) {
          p = star + 1;
          v = ++resume;
        } else {
          return false;
        }
      }
      while (p < pattern.length() && pattern.charAt(p) == '*') p++;
      return p == pattern.length();
    }
  }
}
