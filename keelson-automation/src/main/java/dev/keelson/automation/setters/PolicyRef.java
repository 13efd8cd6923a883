package dev.keelson.automation.setters;

import java.util.Locale;
import java.util.Optional;

/**
 * What a setter marker names: {@code NS:NAME} with an optional {@code :tag}, {@code :name} or
 * {@code :digest} saying which part of the chosen image the marked value is.
 */
public record PolicyRef(String namespace, String name, Part part) {
  public enum Part {
    /** name:tag (no suffix). */
    IMAGE,
    TAG,
    NAME,
    DIGEST
  }

  /** namespace/name, the policy's key. */
  public String key() {
    return namespace + ":" + name;
  }

  /** Empty when the text is not NS:NAME[:tag|:name|:digest]. */
  public static Optional<PolicyRef> parse(String text) {
    String[] parts = text.strip().split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) return Optional.empty();
    Part part = Part.IMAGE;
    if (parts.length == 3) {
      switch (parts[2].toLowerCase(Locale.ROOT)) {
        case "tag" -> part = Part.TAG;
        case "name" -> part = Part.NAME;
        case "digest" -> part = Part.DIGEST;
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(new PolicyRef(parts[0], parts[1], part));
  }

  @Override
  public String toString() {
    return key() + (part == Part.IMAGE ? "" : ":" + part.name().toLowerCase(Locale.ROOT));
  }
}
