package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Comment;
import dev.keelson.secrets.sops.Node.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * INI as sops's store (go-ini) reads it: sections of {@code key = value}, {@code ;} and {@code #}
 * comments (a comment belongs to the key below it, and sops keeps it right after that key), an
 * unquoted value ending at the first {@code ;} or {@code #}. Keys before any section are in
 * {@code DEFAULT}.
 */
final class IniStore implements Store {
  static final String DEFAULT = "DEFAULT";

  @Override
  public MetadataLayout metadataLayout() {
    return MetadataLayout.FLAT_SECTION;
  }

  @Override
  public List<Branch> load(String file, byte[] content) throws SopsException {
    Branch top = new Branch();
    Branch section = null;
    List<String> pending = new ArrayList<>();
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\\R", -1);
    for (int lineNo = 1; lineNo <= lines.length; lineNo++) {
      String line = lines[lineNo - 1].strip();
      if (line.isEmpty()) continue;
      if (line.startsWith(";") || line.startsWith("#")) {
        pending.add(stripCommentChar(line));
        continue;
      }
      if (line.startsWith("[")) {
        int close = line.indexOf(']');
        if (close < 0) throw new SopsException(file, "line " + lineNo + " opens a section without closing it");
        section = new Branch();
        if (!pending.isEmpty()) section.entries.add(Entry.comment(Comment.ownLine(String.join("\n", pending))));
        pending.clear();
        top.entries.add(new Entry(line.substring(1, close).strip(), section));
        continue;
      }
      if (section == null) {
        section = new Branch();
        top.entries.add(new Entry(DEFAULT, section));
      }
      int eq = delimiter(line);
      String key = (eq < 0 ? line : line.substring(0, eq)).strip();
      String rest = eq < 0 ? "" : line.substring(eq + 1).strip();
      if (rest.startsWith("\"\"\"") && (rest.length() < 6 || !rest.endsWith("\"\"\""))) {
        // go-ini's multi-line value: """ up to the line that ends with """ (older sops wrote its metadata so)
        StringBuilder v = new StringBuilder(rest.substring(3));
        int start = lineNo;
        while (true) {
          if (lineNo >= lines.length) throw new SopsException(file, "line " + start + " opens a \"\"\" value that never closes");
          String next = lines[lineNo++];
          if (next.stripTrailing().endsWith("\"\"\"")) {
            String n = next.stripTrailing();
            v.append('\n').append(n, 0, n.length() - 3);
            break;
          }
          v.append('\n').append(next);
        }
        rest = "\"\"\"" + v + "\"\"\"";
      }
      String value = value(rest);
      section.entries.add(new Entry(key, Node.Str.of(value)));
      if (!pending.isEmpty()) section.entries.add(Entry.comment(Comment.ownLine(String.join("\n", pending))));
      pending.clear();
    }
    return new ArrayList<>(List.of(top));
  }

  private static int delimiter(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    if (eq < 0) return colon;
    if (colon < 0) return eq;
    return Math.min(eq, colon);
  }

  private static String value(String v) {
    if (v.length() >= 6 && v.startsWith("\"\"\"") && v.endsWith("\"\"\"")) return v.substring(3, v.length() - 3);
    if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("`") && v.endsWith("`")))) return v.substring(1, v.length() - 1);
    int c = indexOfAny(v);
    return c < 0 ? v : v.substring(0, c).strip();
  }

  private static int indexOfAny(String v) {
    int a = v.indexOf('#');
    int b = v.indexOf(';');
    if (a < 0) return b;
    if (b < 0) return a;
    return Math.min(a, b);
  }

  private static String stripCommentChar(String c) {
    if (c.startsWith(";")) return c.replaceFirst("^[; ]+", "");
    return c.replaceFirst("^[# ]+", "");
  }

  @Override
  public byte[] emit(String file, List<Branch> documents) throws SopsException {
    StringBuilder out = new StringBuilder();
    boolean firstSection = true;
    for (Entry s : documents.get(0).entries) {
      if (s.isComment()) continue;
      if (!(s.value() instanceof Branch section)) {
        throw new SopsException(file, "INI holds only sections; '" + s.key() + "' is not one");
      }
      List<Entry> items = section.entries;
      int first = 0;
      boolean isDefault = DEFAULT.equals(s.key());
      if (isDefault && items.stream().noneMatch(e -> !e.isComment())) continue;
      if (!firstSection) out.append('\n');
      firstSection = false;
      if (!items.isEmpty() && items.get(0).isComment()) {
        commentLines(out, (Comment) items.get(0).value());
        first = 1;
      }
      if (!isDefault) out.append('[').append(s.key()).append("]\n");
      for (int i = first; i < items.size(); i++) {
        Entry e = items.get(i);
        if (e.isComment()) continue;
        // the comments sops keeps after a key are written above it, as go-ini does
        for (int j = i + 1; j < items.size() && items.get(j).isComment(); j++) commentLines(out, (Comment) items.get(j).value());
        if (e.value() instanceof Branch || e.value() instanceof Node.Sequence) {
          throw new SopsException(file, "INI cannot hold the nested value of '" + e.key() + "'");
        }
        out.append(e.key()).append(" = ").append(iniValue(MetadataPlacement.scalarText(e.value()))).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void commentLines(StringBuilder out, Comment c) {
    for (String line : c.text().split("\n")) out.append("; ").append(line).append('\n');
  }

  private static String iniValue(String v) {
    if (v.contains("\n")) return "\"\"\"" + v + "\"\"\"";
    if (v.contains(";") || v.contains("#") || !v.equals(v.strip())) return "`" + v + "`";
    return v;
  }
}
