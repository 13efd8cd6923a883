package dev.keelson.automation.setters;

import dev.keelson.automation.image.ChosenImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flux's setters: a value followed by a comment {@code # {"$imagepolicy": "NS:NAME"}} is set to
 * what that policy chose. Only the value on the marked line changes: the key, its quotes, the
 * space before the comment, the comment itself, every other line and the line endings stay as
 * they were, so a diff of the commit shows exactly the images that moved. A marker naming a
 * policy that chose nothing (or does not exist) leaves its value alone, as Flux does.
 */
public final class SetterRewriter {
  /** indentation, an optional "- ", an optional "key: "; the value, plain or quoted; the marker. */
  private static final Pattern MARKED = Pattern.compile(
      "^(?<prefix>\\s*(?:-\\s+)?(?:[^\\s#'\"][^#]*?:\\s+)?)(?<q>[\"']?)(?<value>[^\"'\\s#]*)\\k<q>(?<gap>\\s+)"
          + "#\\s*\\{\\s*\"\\$imagepolicy\"\\s*:\\s*\"(?<ref>[^\"]+)\"\\s*}\\s*$");
  private static final Pattern ANY_MARKER = Pattern.compile("#\\s*\\{\\s*\"\\$imagepolicy\"");

  private SetterRewriter() {}

  /** Whether the text has a setter marker at all (the quick test before a file is read as lines). */
  public static boolean hasMarkers(String text) {
    return ANY_MARKER.matcher(text).find();
  }

  /**
   * @param file the file's path, for the changes
   * @param chosen each policy's choice by {@code ns:name}
   */
  public static Rewrite rewrite(String file, String text, Map<String, ChosenImage> chosen) {
    if (!hasMarkers(text)) return new Rewrite(text, List.of());
    List<String[]> lines = Lines.split(text);
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i)[0];
      Matcher m = MARKED.matcher(line);
      if (!m.matches()) continue;
      Optional<PolicyRef> ref = PolicyRef.parse(m.group("ref"));
      if (ref.isEmpty()) continue;
      ChosenImage image = chosen.get(ref.get().key());
      if (image == null) continue;
      String next = switch (ref.get().part()) {
        case IMAGE -> image.reference();
        case TAG -> image.tag();
        case NAME -> image.name();
        case DIGEST -> image.digest();
      };
      String old = m.group("value");
      if (next == null || next.equals(old)) continue;
      lines.get(i)[0] = line.substring(0, m.start("value")) + next + line.substring(m.end("value"));
      changes.add(new Change(file, i + 1, old, next, ref.get().toString()));
    }
    return new Rewrite(changes.isEmpty() ? text : Lines.join(lines), List.copyOf(changes));
  }

  /** The policies the text's markers name, {@code ns:name}. */
  public static List<String> policiesNamed(String text) {
    List<String> out = new ArrayList<>();
    if (!hasMarkers(text)) return out;
    for (String[] l : Lines.split(text)) {
      Matcher m = MARKED.matcher(l[0]);
      if (m.matches()) PolicyRef.parse(m.group("ref")).ifPresent(r -> out.add(r.key()));
    }
    return out;
  }
}
