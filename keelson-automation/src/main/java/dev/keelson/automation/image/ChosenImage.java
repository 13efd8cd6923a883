package dev.keelson.automation.image;

import java.util.Objects;

/**
 * What an ImagePolicy chose: the repository as written in its ImageRepository, the tag, and the
 * digest when the registry gave it; what setters write.
 *
 * @param digest nullable
 */
public record ChosenImage(String name, String tag, String digest) {
  public ChosenImage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tag, "tag");
  }

  /** name:tag, what a setter without suffix writes (Flux writes no digest there). */
  public String reference() {
    return name + ":" + tag;
  }
}
