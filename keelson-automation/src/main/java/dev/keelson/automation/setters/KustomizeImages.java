package dev.keelson.automation.setters;

import dev.keelson.automation.image.ChosenImage;
import dev.keelson.automation.image.ImageName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code images:} entries of a kustomization, kept current without markers: an entry whose
 * image ({@code newName}, else {@code name}) is the repository of exactly one policy gets that
 * policy's tag in {@code newTag} (and its digest in {@code digest} when the entry pins one). An
 * entry that carries a setter marker is the setters' (the marker says which policy); an image
 * two policies watch is left alone, since nothing says which of them is meant.
 *
 * <p>Only the value changes, on its line; a missing {@code newTag} is added below the entry's
 * last field with the entry's indentation. Entries in flow style ({@code - {name: x}}) are left
 * as they are.
 */
public final class KustomizeImages {
  private static final Pattern IMAGES_KEY = Pattern.compile("^images:\\s*(#.*)?$");
  private static final Pattern ITEM = Pattern.compile("^(?<indent>\\s*)-\\s+(?<rest>.*)$");
  private static final Pattern FIELD = Pattern.compile(
      "^(?<lead>\\s*(?:-\\s+)?)(?<key>name|newName|newTag|digest)(?<colon>\\s*:\\s*)(?<q>[\"']?)(?<value>[^\"'\\s#]*)\\k<q>(?<rest>\\s*(?:#.*)?)$");

  /** A policy's image repository with its choice. */
  public record Watched(String policy, ImageName repository, ChosenImage chosen) {}

  private KustomizeImages() {}

  /** Whether a file name is one Kustomize reads. */
  public static boolean isKustomization(String fileName) {
    return fileName.equals("kustomization.yaml") || fileName.equals("kustomization.yml")
        || fileName.equals("Kustomization");
  }

  public static Rewrite rewrite(String file, String text, List<Watched> watched) {
    List<String[]> lines = Lines.split(text);
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (IMAGES_KEY.matcher(lines.get(i)[0]).matches()) {
        start = i;
        break;
      }
    }
    if (start < 0 || watched.isEmpty()) return new Rewrite(text, List.of());
    List<Entry> entries = entries(lines, start + 1);
    List<Change> changes = new ArrayList<>();
    // from the last entry up, so that an inserted line does not move the lines still to visit
    for (int e = entries.size() - 1; e >= 0; e--) {
      Entry entry = entries.get(e);
      if (entry.marked) continue;
      String image = entry.value(lines, "newName") != null ? entry.value(lines, "newName") : entry.value(lines, "name");
      if (image == null) continue;
      List<Watched> matching = watched.stream().filter(w -> w.repository().sameRepository(image)).toList();
      if (matching.size() != 1) continue;
      Watched w = matching.get(0);
      if (entry.fields.containsKey("digest") && w.chosen().digest() != null) {
        set(lines, entry.fields.get("digest"), w.chosen().digest(), file, "images:" + image, changes);
      }
      Integer tagLine = entry.fields.get("newTag");
      if (tagLine != null) {
        set(lines, tagLine, w.chosen().tag(), file, "images:" + image, changes);
      } else {
        String[] after = lines.get(entry.last);
        // the new line takes the line ending of the one above; at the end of a file without a
        // final newline, the one above gets the newline and the file still ends without one
        String ending = after[1].isEmpty() ? "\n" : after[1];
        String newEnding = after[1].isEmpty() ? "" : after[1];
        after[1] = ending;
        lines.add(entry.last + 1, new String[] {entry.fieldIndent + "newTag: " + w.chosen().tag(), newEnding});
        changes.add(new Change(file, entry.last + 2, null, w.chosen().tag(), "images:" + image));
      }
    }
    if (changes.isEmpty()) return new Rewrite(text, List.of());
    java.util.Collections.reverse(changes);
    return new Rewrite(Lines.join(lines), List.copyOf(changes));
  }

  /**
   * The tag an {@code images:} entry gives the image ({@code newName}, else {@code name}, of the
   * same repository): its {@code newTag}, or empty when no block-style entry names it or it has none.
   */
  public static java.util.Optional<String> tagOf(String text, ImageName image) {
    List<String[]> lines = Lines.split(text);
    for (int i = 0; i < lines.size(); i++) {
      if (!IMAGES_KEY.matcher(lines.get(i)[0]).matches()) continue;
      for (Entry entry : entries(lines, i + 1)) {
        String name = entry.value(lines, "newName") != null ? entry.value(lines, "newName") : entry.value(lines, "name");
        if (name != null && image.sameRepository(name) && entry.value(lines, "newTag") != null) {
          return java.util.Optional.of(entry.value(lines, "newTag"));
        }
      }
      break;
    }
    return java.util.Optional.empty();
  }

  private static void set(List<String[]> lines, int i, String value, String file, String setter, List<Change> changes) {
    Matcher m = FIELD.matcher(lines.get(i)[0]);
    if (!m.matches() || m.group("value").equals(value)) return;
    String line = lines.get(i)[0];
    lines.get(i)[0] = line.substring(0, m.start("value")) + value + line.substring(m.end("value"));
    changes.add(new Change(file, i + 1, m.group("value"), value, setter));
  }

  /** One block-style list entry: its field lines by key, its last line, the indentation of its fields. */
  private static final class Entry {
    final Map<String, Integer> fields = new java.util.HashMap<>();
    int last;
    String fieldIndent;
    boolean marked;

    String value(List<String[]> lines, String key) {
      Integer i = fields.get(key);
      if (i == null) return null;
      Matcher m = FIELD.matcher(lines.get(i)[0]);
      return m.matches() && !m.group("value").isEmpty() ? m.group("value") : null;
    }
  }

  private static List<Entry> entries(List<String[]> lines, int from) {
    List<Entry> out = new ArrayList<>();
    Entry current = null;
    int itemIndent = -1;
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i)[0];
      if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
      int indent = line.length() - line.stripLeading().length();
      Matcher item = ITEM.matcher(line);
      boolean isItem = item.matches() && (itemIndent < 0 || indent == itemIndent);
      if (!isItem && (indent == 0 || current == null || indent <= itemIndent)) break;
      if (isItem) {
        itemIndent = indent;
        if (item.group("rest").startsWith("{")) {
          current = null;
          continue;
        }
        current = new Entry();
        current.fieldIndent = " ".repeat(indent) + line.substring(indent, item.start("rest")).replace('-', ' ');
        out.add(current);
      } else if (current == null) {
        continue;
      }
      current.last = i;
      if (SetterRewriter.hasMarkers(line)) current.marked = true;
      Matcher f = FIELD.matcher(line);
      if (f.matches()) current.fields.put(f.group("key"), i);
    }
    return out;
  }
}
