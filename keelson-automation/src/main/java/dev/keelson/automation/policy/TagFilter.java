package dev.keelson.automation.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Flux's {@code filterTags}: a tag takes part only when {@code pattern} matches somewhere in it
 * (Go's {@code MatchString}), and what is compared is {@code extract} expanded over the first
 * match ({@code $ts}, {@code ${ts}}, {@code $1}), as Go's {@code Regexp.Expand} does. Go's named
 * groups {@code (?P<name>...)} are accepted as written for Flux.
 */
public final class TagFilter {
  public static final TagFilter ALL = new TagFilter(null, null);
  private static final Pattern REFERENCE = Pattern.compile("\\$(?:\\{([A-Za-z0-9_]+)}|([A-Za-z0-9_]+)|(\\$))");

  private final Pattern pattern;
  private final String extract;

  private TagFilter(Pattern pattern, String extract) {
    this.pattern = pattern;
    this.extract = extract;
  }

  /** @throws IllegalArgumentException naming the field when the pattern does not compile */
  public static TagFilter of(String pattern, String extract) {
    if ((pattern == null || pattern.isEmpty()) && (extract == null || extract.isEmpty())) return ALL;
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("filterTags.extract needs filterTags.pattern");
    }
    try {
      Pattern p = Pattern.compile(pattern.replace("(?P<", "(?<"));
      return new TagFilter(p, extract == null || extract.isEmpty() ? null : extract);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("filterTags.pattern " + pattern + " is not a regular expression: "
          + e.getDescription());
    }
  }

  /** The value to compare for this tag, or empty when the tag is filtered out. */
  public Optional<String> apply(String tag) {
    if (pattern == null) return Optional.of(tag);
    Matcher m = pattern.matcher(tag);
    if (!m.find()) return Optional.empty();
    if (extract == null) return Optional.of(tag);
    StringBuilder out = new StringBuilder();
    Matcher ref = REFERENCE.matcher(extract);
    int at = 0;
    while (ref.find()) {
      out.append(extract, at, ref.start());
      if (ref.group(3) != null) {
        out.append('$');
      } else {
        String name = ref.group(1) != null ? ref.group(1) : ref.group(2);
        out.append(group(m, name));
      }
      at = ref.end();
    }
    out.append(extract.substring(at));
    return Optional.of(out.toString());
  }

  /** Go expands an unknown group to nothing. */
  private static String group(Matcher m, String name) {
    String v;
    try {
      v = name.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(name)) : m.group(name);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      v = null;
    }
    return v == null ? "" : v;
  }
}
