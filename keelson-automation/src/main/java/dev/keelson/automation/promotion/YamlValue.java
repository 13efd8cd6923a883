package dev.keelson.automation.promotion;

import dev.keelson.automation.setters.Lines;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scalar at a dotted path of block-style mapping keys in a YAML file ({@code image.tag} is
 * {@code image:} then, indented below it, {@code tag:}), read and set on its own line: the key,
 * its quotes, a comment after it and every other byte of the file stay as they were. Flow style,
 * anchors and multi-line scalars are not followed; a path that is not found is said so.
 */
public final class YamlValue {
  private static final Pattern KEY = Pattern.compile(
      "^(?<indent>\\s*)(?<key>[A-Za-z0-9_.\\-/]+|\"[^\"]*\"|'[^']*')\\s*:(?<after>(?:\\s.*)?)$");
  private static final Pattern SCALAR = Pattern.compile(
      "^(?<gap>\\s+)(?<q>[\"']?)(?<value>[^\"'#]*?)\\k<q>(?<rest>\\s*(?:#.*)?)$");

  private YamlValue() {}

  /** The value at {@code path}, or empty when the path does not lead to a scalar. */
  public static Optional<String> read(String text, String path) {
    List<String[]> lines = Lines.split(text);
    int i = find(lines, path);
    if (i < 0) return Optional.empty();
    Matcher m = SCALAR.matcher(KEY.matcher(lines.get(i)[0]).replaceFirst("${after}"));
    return m.matches() && !m.group("value").isEmpty() ? Optional.of(m.group("value")) : Optional.empty();
  }

  /**
   * The text with the scalar at {@code path} set to {@code value}.
   *
   * @throws IllegalArgumentException when the path does not lead to a scalar
   */
  public static String write(String text, String path, String value) {
    List<String[]> lines = Lines.split(text);
    int i = find(lines, path);
    if (i < 0) throw new IllegalArgumentException("no scalar at " + path);
    String line = lines.get(i)[0];
    Matcher k = KEY.matcher(line);
    if (!k.matches()) throw new IllegalArgumentException("no scalar at " + path);
    Matcher m = SCALAR.matcher(k.group("after"));
    if (!m.matches() || m.group("value").isEmpty()) throw new IllegalArgumentException("no scalar at " + path);
    int start = k.start("after") + m.start("value");
    int end = k.start("after") + m.end("value");
    lines.get(i)[0] = line.substring(0, start) + value + line.substring(end);
    return Lines.join(lines);
  }

  /** The line holding the last key of the path, or -1. Only the first document is searched. */
  private static int find(List<String[]> lines, String path) {
    String[] keys = path.split("\\.");
    List<Integer> indents = new ArrayList<>(); // indentation of each key matched so far
    int childIndent = 0; // the indentation of the keys of the mapping being searched
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i)[0];
      if (line.equals("---") && i > 0) break;
      if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
      int indent = line.length() - line.stripLeading().length();
      if (!indents.isEmpty() && indent <= indents.get(indents.size() - 1)) {
        return -1; // the mapping of the key matched last ended without the next key
      }
      Matcher k = KEY.matcher(line);
      if (!k.matches()) continue;
      if (childIndent < 0) childIndent = indent;
      if (indent != childIndent) continue; // deeper: a value of another key
      String key = unquote(k.group("key"));
      if (!key.equals(keys[indents.size()])) continue;
      if (indents.size() == keys.length - 1) return i;
      indents.add(indent);
      childIndent = -1;
    }
    return -1;
  }

  private static String unquote(String key) {
    return key.length() >= 2 && (key.startsWith("\"") || key.startsWith("'")) ? key.substring(1, key.length() - 1) : key;
  }
}
