package dev.keelson.auth.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Argo CD's policy.csv: {@code p} and {@code g} lines, {@code #} comments, blank lines,
 * fields optionally in double quotes. A line it cannot read fails the whole policy, so that a
 * typo never silently drops a deny.
 */
public final class PolicyParser {
  private PolicyParser() {}

  public static List<PolicyLine> parse(String csv) {
    List<PolicyLine> lines = new ArrayList<>();
    String[] raw = csv.split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      List<String> f = fields(line, i + 1);
      String kind = f.get(0);
      switch (kind) {
        case "p" -> lines.add(permission(f, i + 1));
        case "g" -> {
          if (f.size() != 3) throw new PolicyException(i + 1, "a g line has 3 fields: g, <user-or-group>, <role>");
          lines.add(new PolicyLine.Grant(f.get(1), f.get(2)));
        }
        default -> throw new PolicyException(i + 1, "a line starts with p or g, not '" + kind + "'");
      }
    }
    return lines;
  }

  private static PolicyLine.Permission permission(List<String> f, int line) {
    if (f.size() != 5 && f.size() != 6) {
      throw new PolicyException(line, "a p line has 6 fields: p, <subject>, <resource>, <action>, <object>, allow|deny");
    }
    Effect effect = Effect.allow;
    if (f.size() == 6) {
      try {
        effect = Effect.valueOf(f.get(5).toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new PolicyException(line, "the effect is allow or deny, not '" + f.get(5) + "'");
      }
    }
    return new PolicyLine.Permission(f.get(1), f.get(2), f.get(3), f.get(4), effect);
  }

  private static List<String> fields(String line, int number) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) throw new PolicyException(number, "unbalanced quote");
    out.add(cur.toString().strip());
    for (String f : out) if (f.isEmpty()) throw new PolicyException(number, "empty field");
    return out;
  }
}
