package dev.keelson.core.project;

import java.util.regex.Pattern;

/**
 * A project rule's pattern, as Argo CD matches them: {@code *} any run of characters (slashes
 * included, so {@code https://github.com/team-a/*} covers every repository of the organisation),
 * {@code ?} one character, everything else literal. A leading {@code !} makes the rule a denial;
 * {@link #negated()} says so and {@link #matches} tests the pattern after it.
 */
public record Glob(String text, boolean negated, Pattern pattern) {

  public static Glob of(String text) {
    String t = text == null ? "" : text.strip();
    boolean negated = t.startsWith("!");
    String body = negated ? t.substring(1) : t;
    StringBuilder re = new StringBuilder();
    for (char c : body.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new Glob(t, negated, Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  /** Whether the value matches the pattern (the part after a leading {@code !}). */
  public boolean matches(String value) {
    return pattern.matcher(value == null ? "" : value).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
