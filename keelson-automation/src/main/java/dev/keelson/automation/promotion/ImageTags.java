package dev.keelson.automation.promotion;

import dev.keelson.automation.image.ChosenImage;
import dev.keelson.automation.image.ImageName;
import dev.keelson.automation.setters.Change;
import dev.keelson.automation.setters.KustomizeImages;
import dev.keelson.automation.setters.Lines;
import dev.keelson.automation.setters.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image's tag in a stage's files: a kustomization's {@code images:} entry for it, else an
 * {@code image: repo:tag} field (a setter marker after it is kept). Rewriting changes only the
 * tag on its line, so the promotion commit's diff shows exactly the tag that moved.
 */
public final class ImageTags {
  private static final Pattern IMAGE_FIELD = Pattern.compile(
      "^(?<prefix>\\s*(?:-\\s+)?image\\s*:\\s+)(?<q>[\"']?)(?<ref>[^\"'\\s#@]+)\\k<q>(?<rest>(?:\\s.*)?)$");

  private ImageTags() {}

  /** The image's tag in this file, or empty. */
  public static Optional<String> find(String fileName, String text, ImageName image) {
    if (KustomizeImages.isKustomization(fileName)) {
      Optional<String> t = KustomizeImages.tagOf(text, image);
      if (t.isPresent()) return t;
    }
    for (String[] l : Lines.split(text)) {
      Matcher m = IMAGE_FIELD.matcher(l[0]);
      if (!m.matches()) continue;
      String[] parts = split(m.group("ref"));
      if (parts[1] != null && image.sameRepository(parts[0])) return Optional.of(parts[1]);
    }
    return Optional.empty();
  }

  /** The file with the image's tag set everywhere it is named with one. */
  public static Rewrite rewrite(String file, String text, ImageName image, String tag) {
    String fileName = file.substring(file.lastIndexOf('/') + 1);
    List<Change> changes = new ArrayList<>();
    String out = text;
    if (KustomizeImages.isKustomization(fileName)) {
      Rewrite k = KustomizeImages.rewrite(file, text, List.of(new KustomizeImages.Watched("promotion", image,
          new ChosenImage(image.written(), tag, null))));
      out = k.text();
      changes.addAll(k.changes());
    }
    List<String[]> lines = Lines.split(out);
    boolean moved = false;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = IMAGE_FIELD.matcher(lines.get(i)[0]);
      if (!m.matches()) continue;
      String[] parts = split(m.group("ref"));
      if (parts[1] == null || parts[1].equals(tag) || !image.sameRepository(parts[0])) continue;
      String line = lines.get(i)[0];
      int tagStart = m.end("ref") - parts[1].length();
      lines.get(i)[0] = line.substring(0, tagStart) + tag + line.substring(m.end("ref"));
      changes.add(new Change(file, i + 1, m.group("ref"), parts[0] + ":" + tag, "image:" + image.written()));
      moved = true;
    }
    return new Rewrite(moved ? Lines.join(lines) : out, List.copyOf(changes));
  }

  /** repository and tag (null without one): the tag is after the last colon past the last slash. */
  private static String[] split(String ref) {
    int colon = ref.lastIndexOf(':');
    if (colon < 0 || colon < ref.lastIndexOf('/')) return new String[] {ref, null};
    return new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
  }
}
