package dev.keelson.core.substitute;

import dev.keelson.core.substitute.Template.Part;
import dev.keelson.core.substitute.Template.Reference;
import dev.keelson.core.substitute.Template.Text;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evaluates a {@link Template} with Flux's envsubst semantics. Lengths and offsets count
 * characters (Unicode code points), as bash does; Flux's Go code counts UTF-8 bytes, which only
 * differs for values that are not ASCII.
 */
final class TemplateEvaluator {
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private final Map<String, String> variables;
  private final boolean strict;

  TemplateEvaluator(Map<String, String> variables, boolean strict) {
    this.variables = variables;
    this.strict = strict;
  }

  String evaluate(Template template) throws ExpansionException {
    StringBuilder out = new StringBuilder();
    for (Part part : template.parts()) {
      if (part instanceof Text t) {
        out.append(t.value());
      } else if (part instanceof Reference r) {
        out.append(evaluate(r));
      }
    }
    return out.toString();
  }

  private String evaluate(Reference r) throws ExpansionException {
    String value = variables.get(r.name());
    if (r.operator() == Operator.DEFAULT) {
      // Evaluated only when needed, so an unused default may name an unset variable.
      return value != null && !value.isEmpty() ? value : evaluate(r.args().get(0));
    }
    if (value == null) {
      if (strict) {
        throw ExpansionException.unset(r.name());
      }
      value = "";
    }
    return switch (r.operator()) {
      case VALUE -> value;
      case LENGTH -> Integer.toString(value.codePointCount(0, value.length()));
      case UPPER -> value.toUpperCase(Locale.ROOT);
      case LOWER -> value.toLowerCase(Locale.ROOT);
      case UPPER_FIRST -> first(value, true);
      case LOWER_FIRST -> first(value, false);
      case SUBSTRING -> substring(value, r);
      case TRIM_SHORTEST_PREFIX -> trimPrefix(value, arg(r, 0), false);
      case TRIM_LONGEST_PREFIX -> trimPrefix(value, arg(r, 0), true);
      case TRIM_SHORTEST_SUFFIX -> trimSuffix(value, arg(r, 0), false);
      case TRIM_LONGEST_SUFFIX -> trimSuffix(value, arg(r, 0), true);
      case REPLACE_FIRST -> replaceFirst(value, arg(r, 0), arg(r, 1));
      case REPLACE_ALL -> replaceAll(value, arg(r, 0), arg(r, 1));
      case REPLACE_PREFIX -> {
        String text = arg(r, 0);
        yield value.startsWith(text) ? arg(r, 1) + value.substring(text.length()) : value;
      }
      case REPLACE_SUFFIX -> {
        String text = arg(r, 0);
        yield value.endsWith(text) ? value.substring(0, value.length() - text.length()) + arg(r, 1) : value;
      }
      case DEFAULT -> throw new IllegalStateException("handled above");
    };
  }

  private String arg(Reference r, int i) throws ExpansionException {
    return i < r.args().size() ? evaluate(r.args().get(i)) : "";
  }

  private static String first(String value, boolean upper) {
    if (value.isEmpty()) {
      return value;
    }
    int cp = value.codePointAt(0);
    int mapped = upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp);
    return new StringBuilder().appendCodePoint(mapped).append(value, Character.charCount(cp), value.length()).toString();
  }

  /**
   * As Flux: an offset or length that is not an integer leaves the value as is; a negative offset
   * counts from the end. A negative length counts from the end too, as in bash (Flux's Go code
   * would panic on it).
   */
  private String substring(String value, Reference r) throws ExpansionException {
    String offsetText = arg(r, 0);
    if (!INTEGER.matcher(offsetText).matches()) {
      return value;
    }
    int[] cps = value.codePoints().toArray();
    int len = cps.length;
    long offset = Long.parseLong(offsetText);
    if (offset < 0) {
      offset = Math.max(0, len + offset);
    }
    if (offset >= len) {
      return "";
    }
    long end = len;
    if (r.args().size() > 1) {
      String lengthText = arg(r, 1);
      if (!INTEGER.matcher(lengthText).matches()) {
        return value;
      }
      long length = Long.parseLong(lengthText);
      end = length < 0 ? len + length : Math.min(len, offset + length);
      if (end <= offset) {
        return "";
      }
    }
    return new String(cps, (int) offset, (int) (end - offset));
  }

  private static String trimPrefix(String value, String glob, boolean longest) {
    Optional<Pattern> p = Glob.compile(glob);
    if (p.isEmpty()) {
      return value;
    }
    int[] bounds = boundaries(value);
    for (int k = 0; k < bounds.length; k++) {
      int cut = bounds[longest ? bounds.length - 1 - k : k];
      if (p.get().matcher(value.substring(0, cut)).matches()) {
        return value.substring(cut);
      }
    }
    return value;
  }

  private static String trimSuffix(String value, String glob, boolean longest) {
    Optional<Pattern> p = Glob.compile(glob);
    if (p.isEmpty()) {
      return value;
    }
    int[] bounds = boundaries(value);
    for (int k = 0; k < bounds.length; k++) {
      int cut = bounds[longest ? k : bounds.length - 1 - k];
      if (p.get().matcher(value.substring(cut)).matches()) {
        return value.substring(0, cut);
      }
    }
    return value;
  }

  /** Every index between two code points, 0 and the length included, in order. */
  private static int[] boundaries(String value) {
    int[] out = new int[value.codePointCount(0, value.length()) + 1];
    int i = 0;
    int n = 0;
    out[n++] = 0;
    while (i < value.length()) {
      i += Character.charCount(value.codePointAt(i));
      out[n++] = i;
    }
    return out;
  }

  /** Flux replaces literal text, not patterns. An empty text replaces nothing. */
  private static String replaceFirst(String value, String text, String with) {
    int at = text.isEmpty() ? -1 : value.indexOf(text);
    return at < 0 ? value : value.substring(0, at) + with + value.substring(at + text.length());
  }

  private static String replaceAll(String value, String text, String with) {
    return text.isEmpty() ? value : value.replace(text, with);
  }
}
