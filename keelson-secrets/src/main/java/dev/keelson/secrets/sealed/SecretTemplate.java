package dev.keelson.secrets.sealed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of Go's text/template (with sprig names) that spec.template.data uses in practice:
 * {@code {{ .key }}}, {@code {{ index . "key" }}}, string literals, pipelines through
 * {@code b64enc b64dec upper lower trim quote squote}, and {@code {{-}} / {@code -}}} trimming.
 * Anything else is refused with a message naming the template's key, never a value. A reference
 * to a key that does not exist is an error (Go would print "&lt;no value&gt;" into the Secret).
 */
final class SecretTemplate {
  private SecretTemplate() {}

  static byte[] render(String templateKey, String template, Map<String, String> values) throws SealedSecretException {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf("{{", i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      String text = template.substring(i, open);
      int close = template.indexOf("}}", open + 2);
      if (close < 0) throw error(templateKey, "unclosed action");
      String action = template.substring(open + 2, close);
      boolean trimLeft = action.startsWith("- ") || action.equals("-");
      boolean trimRight = action.endsWith(" -");
      if (trimLeft) text = stripTrailing(text);
      out.append(text);
      String body = action.substring(trimLeft ? 1 : 0, action.length() - (trimRight ? 1 : 0)).strip();
      out.append(evaluate(templateKey, body, values));
      i = close + 2;
      if (trimRight) {
        while (i < template.length() && Character.isWhitespace(template.charAt(i))) i++;
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String evaluate(String templateKey, String body, Map<String, String> values) throws SealedSecretException {
    if (body.startsWith("/*") && body.endsWith("*/")) return "";
    String[] stages = body.split("\\|");
    String value = null;
    for (int s = 0; s < stages.length; s++) {
      List<String> words = words(templateKey, stages[s].strip());
      if (words.isEmpty()) throw error(templateKey, "empty pipeline stage");
      if (s == 0) {
        if (words.size() == 1 || words.get(0).equals("index")) {
          value = term(templateKey, words, values);
        } else {
          value = function(templateKey, words.get(0), term(templateKey, words.subList(1, words.size()), values));
        }
      } else {
        if (words.size() != 1) throw error(templateKey, "a pipeline stage takes a function name only");
        value = function(templateKey, words.get(0), value);
      }
    }
    return value;
  }

  private static String term(String templateKey, List<String> words, Map<String, String> values) throws SealedSecretException {
    if (words.size() == 3 && words.get(0).equals("index") && words.get(1).equals(".") && isLiteral(words.get(2))) {
      return lookup(templateKey, words.get(2).substring(1, words.get(2).length() - 1), values);
    }
    if (words.size() == 1) {
      String w = words.get(0);
      if (isLiteral(w)) return w.substring(1, w.length() - 1);
      if (w.startsWith(".") && w.length() > 1 && w.substring(1).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
        return lookup(templateKey, w.substring(1), values);
      }
    }
    throw error(templateKey, "unsupported expression (use .key, index . \"key\" or a \"string\")");
  }

  private static String lookup(String templateKey, String key, Map<String, String> values) throws SealedSecretException {
    String v = values.get(key);
    if (v == null) throw error(templateKey, "refers to " + key + ", which is not among the encrypted keys");
    return v;
  }

  private static String function(String templateKey, String name, String arg) throws SealedSecretException {
    return switch (name) {
      case "b64enc" -> Base64.getEncoder().encodeToString(arg.getBytes(StandardCharsets.UTF_8));
      case "b64dec" -> {
        try {
          yield new String(Base64.getDecoder().decode(arg), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw error(templateKey, "b64dec of a value that is not base64");
        }
      }
      case "upper" -> arg.toUpperCase(Locale.ROOT);
      case "lower" -> arg.toLowerCase(Locale.ROOT);
      case "trim" -> arg.strip();
      case "quote" -> "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      case "squote" -> "'" + arg + "'";
      default -> throw error(templateKey, "unsupported function " + name);
    };
  }

  private static boolean isLiteral(String w) {
    return w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"");
  }

  private static List<String> words(String templateKey, String s) throws SealedSecretException {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int end = s.indexOf('"', i + 1);
        if (end < 0) throw error(templateKey, "unterminated string");
        out.add(s.substring(i, end + 1));
        i = end + 1;
      } else {
        int end = i;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) end++;
        out.add(s.substring(i, end));
        i = end;
      }
    }
    return out;
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) end--;
    return s.substring(0, end);
  }

  private static SealedSecretException error(String templateKey, String what) {
    return new SealedSecretException("template for key " + templateKey + ": " + what);
  }
}
