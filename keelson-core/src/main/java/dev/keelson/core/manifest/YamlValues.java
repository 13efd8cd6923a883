package dev.keelson.core.manifest;

import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a piece of YAML text as a field value, with the typing rules manifests are read with (no
 * base-60 numbers, timestamps kept as strings, duplicate keys refused): {@code 3} is the integer 3,
 * {@code true} a boolean, {@code "3"} the string, {@code [a, b]} a list.
 */
public final class YamlValues {
  private YamlValues() {}

  /**
   * The value {@code text} denotes when written unquoted after a key in a block mapping.
   *
   * @throws ManifestException when it is not valid YAML there (or holds more than one value); the
   *     message describes the problem without quoting the text, which may hold secret values
   */
  public static Object readPlain(String text) throws ManifestException {
    Object doc;
    try {
      doc = YamlDocuments.newYaml().load("v: " + text);
      doc = doc == null ? null : JsonModel.normalize(doc);
    } catch (MarkedYAMLException e) {
      throw new ManifestException("", 0, withoutContent(e.getProblem() != null ? e.getProblem() : e.getContext()));
    } catch (YAMLException | JsonModel.UnsupportedValueException e) {
      throw new ManifestException("", 0, withoutContent(e.getMessage()));
    }
    if (!(doc instanceof Map<?, ?> map) || map.size() != 1 || !map.containsKey("v")) {
      throw new ManifestException("", 0, "not a single value");
    }
    return map.get("v");
  }

  /**
   * Whether {@code s} denotes itself when written unquoted: then a YAML writer keeps it a plain
   * scalar, and text put into it is read as YAML again (a number, a boolean, a list).
   */
  public static boolean isPlain(String s) {
    if (s.isEmpty()) {
      return false;
    }
    try {
      return s.equals(readPlain(s));
    } catch (ManifestException e) {
      return false;
    }
  }

  /**
   * SnakeYAML's problem description up to the first piece of the input it quotes ({@code found
   * character '%'}, {@code undefined alias x}, {@code but found x}), so no value leaks into
   * a message.
   */
  static String withoutContent(String problem) {
    String p = YamlDocuments.oneLine(problem);
    int cut = p.length();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (!(Character.isLetter(c) || c == ' ' || c == ',')) {
        cut = i;
        break;
      }
    }
    p = p.substring(0, cut);
    for (String marker : new String[] {" but found", "alias", "character"}) {
      int at = p.indexOf(marker);
      if (at >= 0) {
        p = p.substring(0, at + marker.length());
      }
    }
    p = p.strip();
    return p.isEmpty() ? "invalid YAML" : p;
  }
}
