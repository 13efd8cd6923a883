package dev.keelson.core.substitute;

import dev.keelson.core.substitute.Template.Part;
import dev.keelson.core.substitute.Template.Reference;
import dev.keelson.core.substitute.Template.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code ${...}} forms of Flux's envsubst out of a string.
 *
 * <p>Only what starts with {@code ${} is read as an expansion; every other character, backslashes
 * and lone {@code $} included, is text and stays exactly as written. A run of {@code $} right
 * before {@code {} is read as Flux reads it: each {@code $$} is one literal {@code $}, so {@code
 * $${var}} is the text {@code ${var}} and {@code $$${var}} is {@code $} and then the expansion.
 * (Flux also turns {@code $$} into {@code $} where no brace follows, which changes shell scripts
 * such as {@code echo $$}; here it does not.)
 *
 * <p>Inside an expansion the parser follows Flux's: an argument ends at the first {@code }} that
 * does not close a nested expansion, and in the pattern and replacement of {@code ${var/a/b}}
 * {@code \/} and {@code \\} stand for {@code /} and {@code \}.
 */
final class TemplateParser {
  private final String s;
  private int pos;

  private TemplateParser(String s) {
    this.s = s;
  }

  static Template parse(String text) throws ExpansionException {
    return new TemplateParser(text).sequence(NONE, false);
  }

  /** No terminator: read to the end of the string. */
  private static final String NONE = "";

  /**
   * Text and references up to (not including) one of {@code terminators} at this nesting level,
   * or to the end of the string when there are none.
   */
  private Template sequence(String terminators, boolean slashEscapes) throws ExpansionException {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (!terminators.isEmpty() && terminators.indexOf(c) >= 0) {
        break;
      }
      if (c == '$') {
        int run = dollarRun();
        if (pos + run < s.length() && s.charAt(pos + run) == '{') {
          text.append("$".repeat(run / 2));
          int start = pos + run - 1;
          pos += run + 1;
          if (run % 2 == 0) {
            text.append('{');
          } else {
            if (!text.isEmpty()) {
              parts.add(new Text(text.toString()));
              text.setLength(0);
            }
            parts.add(reference(start));
          }
        } else {
          text.append(s, pos, pos + run);
          pos += run;
        }
        continue;
      }
      if (slashEscapes && c == '\\' && pos + 1 < s.length()
          && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '\\')) {
        text.append(s.charAt(pos + 1));
        pos += 2;
        continue;
      }
      text.append(c);
      pos++;
    }
    if (!terminators.isEmpty() && pos >= s.length()) {
      throw ExpansionException.syntax("unclosed " + excerpt(opening) + ": missing }");
    }
    if (!text.isEmpty()) {
      parts.add(new Text(text.toString()));
    }
    return new Template(parts);
  }

  /** Index of the {@code $} of the innermost expansion being read, for messages; -1 outside. */
  private int opening = -1;

  private int dollarRun() {
    int n = 0;
    while (pos + n < s.length() && s.charAt(pos + n) == '$') {
      n++;
    }
    return n;
  }

  /** After {@code ${}; {@code start} is the index of its {@code $}. */
  private Reference reference(int start) throws ExpansionException {
    int outer = opening;
    opening = start;
    try {
      return referenceBody(start);
    } finally {
      opening = outer;
    }
  }

  private Reference referenceBody(int start) throws ExpansionException {
    if (peek() == '#') {
      pos++;
      String name = identifier(start);
      expectClose(start);
      return new Reference(name, Operator.LENGTH, List.of());
    }
    String name = identifier(start);
    if (pos >= s.length()) {
      throw ExpansionException.syntax("unclosed " + excerpt(start) + ": missing }");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '}' -> {
        pos++;
        return new Reference(name, Operator.VALUE, List.of());
      }
      case ':' -> {
        char next = charAt(pos + 1);
        if (next == '=' || next == '-') {
          pos += 2;
          return defaulted(name, start);
        }
        if (next == '?' || next == '+') {
          throw unsupported(start, ":" + next);
        }
        pos++;
        Template offset = sequence(":}", false);
        if (s.charAt(pos) == '}') {
          pos++;
          return new Reference(name, Operator.SUBSTRING, List.of(offset));
        }
        pos++;
        Template length = sequence("}", false);
        pos++;
        return new Reference(name, Operator.SUBSTRING, List.of(offset, length));
      }
      case '=' -> {
        pos++;
        return defaulted(name, start);
      }
      case '-', '+', '?' -> throw unsupported(start, String.valueOf(c));
      case '^', ',' -> {
        pos++;
        boolean all = peek() == c;
        if (all) {
          pos++;
        }
        expectClose(start);
        Operator op = c == '^'
            ? (all ? Operator.UPPER : Operator.UPPER_FIRST)
            : (all ? Operator.LOWER : Operator.LOWER_FIRST);
        return new Reference(name, op, List.of());
      }
      case '#', '%' -> {
        pos++;
        boolean longest = peek() == c;
        if (longest) {
          pos++;
        }
        Template pattern = sequence("}", false);
        pos++;
        Operator op = c == '#'
            ? (longest ? Operator.TRIM_LONGEST_PREFIX : Operator.TRIM_SHORTEST_PREFIX)
            : (longest ? Operator.TRIM_LONGEST_SUFFIX : Operator.TRIM_SHORTEST_SUFFIX);
        return new Reference(name, op, List.of(pattern));
      }
      case '/' -> {
        return replacement(name, start);
      }
      default -> throw ExpansionException.syntax("bad substitution " + excerpt(start));
    }
  }

  private Reference defaulted(String name, int start) throws ExpansionException {
    Template fallback = sequence("}", false);
    pos++;
    return new Reference(name, Operator.DEFAULT, List.of(fallback));
  }

  private Reference replacement(String name, int start) throws ExpansionException {
    pos++;
    Operator op = switch (peek()) {
      case '/' -> Operator.REPLACE_ALL;
      case '#' -> Operator.REPLACE_PREFIX;
      case '%' -> Operator.REPLACE_SUFFIX;
      default -> Operator.REPLACE_FIRST;
    };
    if (op != Operator.REPLACE_FIRST) {
      pos++;
    }
    Template pattern = sequence("/}", true);
    if (s.charAt(pos) != '/') {
      // Flux's parser requires the second slash, even for an empty replacement.
      throw ExpansionException.syntax("bad substitution " + excerpt(start) + ": expected / after the pattern");
    }
    pos++;
    Template with = sequence("}", true);
    pos++;
    return new Reference(name, op, List.of(pattern, with));
  }

  /**
   * Letters, digits and underscores, as Flux's scanner accepts them. Names that do not match
   * {@link SubstitutionOptions#VARIABLE_NAME} (such as {@code ${1}}) parse but can never be set.
   */
  private String identifier(int start) throws ExpansionException {
    int from = pos;
    while (pos < s.length()) {
      int cp = s.codePointAt(pos);
      if (!Character.isLetterOrDigit(cp) && cp != '_') {
        break;
      }
      pos += Character.charCount(cp);
    }
    if (pos == from) {
      if (pos >= s.length()) {
        throw ExpansionException.syntax("unclosed " + excerpt(start) + ": missing }");
      }
      throw ExpansionException.syntax("bad substitution " + excerpt(start) + ": missing variable name");
    }
    return s.substring(from, pos);
  }

  private void expectClose(int start) throws ExpansionException {
    if (peek() != '}') {
      throw ExpansionException.syntax(pos >= s.length()
          ? "unclosed " + excerpt(start) + ": missing }"
          : "bad substitution " + excerpt(start));
    }
    pos++;
  }

  private ExpansionException unsupported(int start, String op) {
    String hint = op.equals("-") ? " (use ${name:-default})" : "";
    return ExpansionException.syntax(
        "unsupported substitution " + excerpt(start) + ": Flux's envsubst has no ${name" + op + "...}" + hint);
  }

  private char peek() {
    return charAt(pos);
  }

  private char charAt(int i) {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  /** The expression as written, up to its closing brace (or a bounded piece of it), for messages. */
  private String excerpt(int start) {
    if (start < 0) {
      return "${";
    }
    int close = s.indexOf('}', start);
    int end = close < 0 ? s.length() : close + 1;
    int lineEnd = s.indexOf('\n', start);
    if (lineEnd >= 0 && lineEnd < end) {
      end = lineEnd;
    }
    String text = s.substring(start, Math.min(end, start + 60));
    return "\"" + text + (end > start + 60 ? "..." : "") + "\"";
  }
}
