package dev.keelson.core.substitute;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The patterns of {@code ${var#pattern}} and {@code ${var%pattern}}, as Flux's envsubst matches
 * them (Go's {@code path.Match}, with {@code *} also matching {@code /}): {@code *} any run of
 * characters, {@code ?} one character, {@code [a-z]} and {@code [^a-z]} classes, {@code \c} the
 * character c. The whole value piece must match.
 */
final class Glob {
  private Glob() {}

  /** The pattern as a regular expression, or empty when it is malformed (Flux then leaves the value as is). */
  static Optional<Pattern> compile(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          re.append(".*");
          i++;
        }
        case '?' -> {
          re.append('.');
          i++;
        }
        case '\\' -> {
          if (i + 1 >= glob.length()) {
            return Optional.empty();
          }
          int cp = glob.codePointAt(i + 1);
          re.append(Pattern.quote(new String(Character.toChars(cp))));
          i += 1 + Character.charCount(cp);
        }
        case '[' -> {
          int end = characterClass(glob, i + 1, re);
          if (end < 0) {
            return Optional.empty();
          }
          i = end;
        }
        default -> {
          int cp = glob.codePointAt(i);
          re.append(Pattern.quote(new String(Character.toChars(cp))));
          i += Character.charCount(cp);
        }
      }
    }
    return Optional.of(Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  /** Appends the class starting after its {@code [}; returns the index after its {@code ]}, or -1. */
  private static int characterClass(String glob, int from, StringBuilder re) {
    int i = from;
    StringBuilder cls = new StringBuilder("[");
    if (i < glob.length() && glob.charAt(i) == '^') {
      cls.append('^');
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i >= glob.length()) {
        return -1;
      }
      if (glob.charAt(i) == ']' && ranges > 0) {
        re.append(cls).append(']');
        return i + 1;
      }
      int[] lo = escaped(glob, i);
      if (lo == null) {
        return -1;
      }
      i = lo[1];
      int hi = lo[0];
      if (i < glob.length() && glob.charAt(i) == '-') {
        int[] h = escaped(glob, i + 1);
        if (h == null) {
          return -1;
        }
        hi = h[0];
        i = h[1];
      }
      if (hi < lo[0]) {
        return -1;
      }
      cls.append(classChar(lo[0])).append('-').append(classChar(hi));
      ranges++;
    }
  }

  /** One possibly escaped class character: {code point, next index}, or null when malformed. */
  private static int[] escaped(String glob, int i) {
    if (i >= glob.length() || glob.charAt(i) == '-' || glob.charAt(i) == ']') {
      return null;
    }
    if (glob.charAt(i) == '\\') {
      i++;
      if (i >= glob.length()) {
        return null;
      }
    }
    int cp = glob.codePointAt(i);
    return new int[] {cp, i + Character.charCount(cp)};
  }

  private static String classChar(int cp) {
    return String.format("\\x{%x}", cp);
  }
}
