package dev.keelson.core.appset;

import java.util.regex.Pattern;

/**
 * Path patterns of the git generator, as Argo CD matches them: {@code *}, {@code ?} and
 * {@code [...]} within one path segment (Go's path.Match); {@code **} across segments, which
 * Argo CD's files generator accepts.
 */
record Glob(String pattern, Pattern regex) {
  static Glob of(String pattern) {
    StringBuilder re = new StringBuilder();
    String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
        boolean slashAfter = i + 2 < p.length() && p.charAt(i + 2) == '/';
        re.append(slashAfter ? "(?:.*/)?" : ".*");
        i += slashAfter ? 2 : 1;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int close = p.indexOf(']', i + 1);
        if (close < 0) throw new IllegalArgumentException("bad pattern " + pattern + ": unclosed [");
        String set = p.substring(i + 1, close);
        if (set.startsWith("^")) set = "!" + set.substring(1);
        re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
        i = close;
      } else if (c == '\\' && i + 1 < p.length()) {
        re.append(Pattern.quote(String.valueOf(p.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new Glob(pattern, Pattern.compile(re.toString()));
  }

  boolean matches(String path) {
    return regex.matcher(path).matches();
  }
}
