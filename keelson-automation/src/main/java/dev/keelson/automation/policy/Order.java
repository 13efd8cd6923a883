package dev.keelson.automation.policy;

import java.util.Locale;

/** Flux's {@code order} of the alphabetical and numerical policies. */
public enum Order {
  /** The greatest value wins (the default). */
  ASC,
  /** The least value wins. */
  DESC;

  /** @throws IllegalArgumentException for anything but asc or desc */
  public static Order parse(String text, String field) {
    if (text == null || text.isBlank()) return ASC;
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "asc" -> ASC;
      case "desc" -> DESC;
      default -> throw new IllegalArgumentException(field + ".order must be asc or desc, not " + text);
    };
  }
}
