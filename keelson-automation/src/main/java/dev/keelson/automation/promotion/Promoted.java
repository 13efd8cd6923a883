package dev.keelson.automation.promotion;

import java.util.List;

/**
 * What a pipeline moves: the revision, the tags of these images, the values at these paths.
 *
 * @param images image repositories, e.g. {@code ghcr.io/org/web}
 */
public record Promoted(boolean revision, List<String> images, List<ValuePath> values) {
  public Promoted {
    images = List.copyOf(images);
    values = List.copyOf(values);
    if (!revision && images.isEmpty() && values.isEmpty()) {
      throw new IllegalArgumentException("spec.promote: name the revision, images or helmValues to promote");
    }
  }

  /** A values file (relative to a stage's path) and a dotted path of keys in it. */
  public record ValuePath(String file, String path) {
    public String key() {
      return file + ":" + path;
    }
  }
}
