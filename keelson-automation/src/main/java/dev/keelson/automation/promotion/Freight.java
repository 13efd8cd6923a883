package dev.keelson.automation.promotion;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What moves from one stage to the next, as a stage runs it (Kargo's freight): the revision (only
 * when revisions are promoted), image repository to tag, {@code file:path} to value. Two stages
 * run the same candidate when their freight is equal.
 */
public record Freight(String revision, SortedMap<String, String> images, SortedMap<String, String> values) {
  public Freight {
    images = images == null ? new TreeMap<>() : new TreeMap<>(images);
    values = values == null ? new TreeMap<>() : new TreeMap<>(values);
  }

  public static Freight of(String revision, Map<String, String> images, Map<String, String> values) {
    return new Freight(revision, images == null ? null : new TreeMap<>(images), values == null ? null : new TreeMap<>(values));
  }

  /** A short, stable text naming this freight: what the approvals of a candidate refer to. */
  public String key() {
    return Integer.toHexString(Objects.hash(revision, images, values)) + ":" + describe();
  }

  /** For messages and commits: {@code rev 3f2c1ab, ghcr.io/org/web:1.2.0, values.yaml:image.tag=1.2.0}. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (revision != null) b.append("revision ").append(revision.length() == 40 ? revision.substring(0, 7) : revision);
    images.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(':').append(v));
    values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return b.length() == 0 ? "nothing" : b.toString();
  }

  /** Whether every field promoted has a value (a stage whose files lack an image has nothing to give). */
  public boolean complete(Promoted what) {
    if (what.revision() && revision == null) return false;
    for (String i : what.images()) if (images.get(i) == null) return false;
    for (Promoted.ValuePath v : what.values()) if (values.get(v.key()) == null) return false;
    return true;
  }
}
