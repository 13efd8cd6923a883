package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Comment;
import dev.keelson.secrets.sops.Node.Entry;
import dev.keelson.secrets.sops.Node.Sequence;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Block-style YAML in sops's layout (4-space indent, list items indented under their key, comments
 * on their own lines in the mapping that holds them). A string is written plain only when every
 * YAML reader, 1.1 or 1.2, reads it back as the same string; otherwise it is quoted or a literal
 * block. Written by hand because the placement of comments decides their AAD.
 */
final class YamlWriter {
  private static final int INDENT = 4;
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/.][A-Za-z0-9_./@+=\\-]*( [A-Za-z0-9_./@+=\\-()]+)*");
  private static final Pattern ENC = Pattern.compile("ENC\\[AES256_GCM,data:[A-Za-z0-9+/=]*,iv:[A-Za-z0-9+/=]+,tag:[A-Za-z0-9+/=]+,type:[a-z]+\\]");
  private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~");

  private final StringBuilder out = new StringBuilder();

  private YamlWriter() {}

  static String write(List<Branch> documents) {
    YamlWriter w = new YamlWriter();
    for (int i = 0; i < documents.size(); i++) {
      if (i > 0) w.out.append("---\n");
      Branch b = documents.get(i);
      if (hasEntries(b)) {
        w.mapping(b, 0);
      } else {
        w.comments(b, 0);
        w.out.append("{}\n");
      }
    }
    return w.out.toString();
  }

  private static boolean hasEntries(Branch b) {
    return b.entries.stream().anyMatch(e -> !e.isComment());
  }

  private static boolean hasItems(Sequence s) {
    return s.items.stream().anyMatch(i -> !(i instanceof Comment));
  }

  private void comments(Branch b, int indent) {
    for (Entry e : b.entries) {
      if (e.isComment()) comment((Comment) e.value(), indent);
    }
  }

  private void comment(Comment c, int indent) {
    out.append(" ".repeat(indent)).append('#').append(c.text().replace("\n", " ")).append('\n');
  }

  private void mapping(Branch b, int indent) {
    for (Entry e : b.entries) {
      if (e.isComment()) {
        comment((Comment) e.value(), indent);
        continue;
      }
      String pad = " ".repeat(indent);
      String key = key(e.key());
      Node v = e.value();
      if (v instanceof Branch nb) {
        if (hasEntries(nb)) {
          out.append(pad).append(key).append(":\n");
          mapping(nb, indent + INDENT);
        } else {
          out.append(pad).append(key).append(": {}\n");
          comments(nb, indent + INDENT);
        }
      } else if (v instanceof Sequence s) {
        if (hasItems(s)) {
          out.append(pad).append(key).append(":\n");
          sequence(s, indent + INDENT);
        } else {
          out.append(pad).append(key).append(": []\n");
          for (Node i : s.items) comment((Comment) i, indent + INDENT);
        }
      } else {
        out.append(pad).append(key).append(": ");
        scalar(v, indent + INDENT);
      }
    }
  }

  private void sequence(Sequence s, int indent) {
    String pad = " ".repeat(indent);
    for (Node item : s.items) {
      if (item instanceof Comment c) {
        comment(c, indent);
      } else if (item instanceof Branch b && hasEntries(b)) {
        // comments before the first key go above the dash: same list, same AAD
        int first = 0;
        while (b.entries.get(first).isComment()) comment((Comment) b.entries.get(first++).value(), indent);
        YamlWriter nested = new YamlWriter();
        nested.mapping(new Branch(b.entries.subList(first, b.entries.size())), indent + 2);
        out.append(pad).append("- ").append(nested.out, indent + 2, nested.out.length());
      } else if (item instanceof Sequence n && hasItems(n)) {
        YamlWriter nested = new YamlWriter();
        nested.sequence(n, indent + 2);
        int firstItem = 0;
        String text = nested.out.toString();
        // a nested list's leading comments stay on their own lines
        while (text.startsWith(" ".repeat(indent + 2) + "#", firstItem)) firstItem = text.indexOf('\n', firstItem) + 1;
        out.append(text, 0, firstItem).append(pad).append("- ").append(text, firstItem + indent + 2, text.length());
      } else if (item instanceof Branch) {
        out.append(pad).append("- {}\n");
      } else if (item instanceof Sequence) {
        out.append(pad).append("- []\n");
      } else {
        out.append(pad).append("- ");
        scalar(item, indent + 2);
      }
    }
  }

  /** Writes a scalar after "key: " or "- ", ending the line; block content goes at {@code contentIndent}. */
  private void scalar(Node v, int contentIndent) {
    if (v instanceof Node.Str s) {
      string(s.text(), contentIndent);
    } else if (v instanceof Node.Int i) {
      out.append(i.value()).append('\n');
    } else if (v instanceof Node.Float f) {
      out.append(floating(f.value())).append('\n');
    } else if (v instanceof Node.Bool b) {
      out.append(b.value()).append('\n');
    } else {
      out.append("null\n");
    }
  }

  static String floating(double d) {
    if (Double.isNaN(d)) return ".nan";
    if (Double.isInfinite(d)) return d > 0 ? ".inf" : "-.inf";
    if (d == 0) return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
    BigDecimal bd = GoFloat.shortest(d);
    double abs = Math.abs(d);
    String s = (abs >= 1e16 || abs < 1e-6) ? bd.toString().replace("E+", "e+").replace("E-", "e-") : bd.toPlainString();
    // a float must read back as a float, not an int
    if (!s.contains(".") && !s.contains("e")) s = s + ".0";
    else if (!s.contains(".")) s = s.replaceFirst("e", ".0e");
    return s;
  }

  private void string(String s, int contentIndent) {
    if (isPlain(s)) {
      out.append(s).append('\n');
    } else if (literalFits(s)) {
      String body = s;
      String header;
      if (s.endsWith("\n\n")) {
        header = "|+";
      } else if (s.endsWith("\n")) {
        header = "|";
        body = s.substring(0, s.length() - 1);
      } else {
        header = "|-";
      }
      out.append(header).append('\n');
      String pad = " ".repeat(contentIndent);
      String[] lines = body.split("\n", -1);
      int n = header.equals("|+") ? lines.length - 1 : lines.length;
      for (int i = 0; i < n; i++) {
        if (lines[i].isEmpty()) out.append('\n');
        else out.append(pad).append(lines[i]).append('\n');
      }
    } else {
      out.append(quoted(s)).append('\n');
    }
  }

  private static boolean literalFits(String s) {
    if (!s.contains("\n") || s.startsWith("\n") || s.startsWith(" ") || s.startsWith("\t")) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\t') continue;
      if (c < 0x20 || c == 0x7f || c == '\uFEFF' || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') return false;
    }
    // trailing spaces on the last line before the chomping indicator would be kept; fine, but a
    // line of spaces only between text lines is ambiguous for some readers
    for (String line : s.split("\n", -1)) {
      if (!line.isEmpty() && line.isBlank()) return false;
    }
    return true;
  }

  static boolean isPlain(String s) {
    // sops writes its envelopes plain; in block context they read back as the same string
    if (ENC.matcher(s).matches()) return true;
    if (s.isEmpty() || !PLAIN.matcher(s).matches()) return false;
    String l = s.toLowerCase(Locale.ROOT);
    if (RESERVED.contains(l)) return false;
    if (l.startsWith(".") && (l.length() == 1 || !Character.isLetter(l.charAt(1)) || l.startsWith(".inf") || l.startsWith(".nan"))) return false;
    return true;
  }

  private static String key(String k) {
    return isPlain(k) ? k : quoted(k);
  }

  static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\0' -> b.append("\\0");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\uFEFF' || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
