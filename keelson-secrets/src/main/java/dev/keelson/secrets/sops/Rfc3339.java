package dev.keelson.secrets.sops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Go's {@code time.RFC3339} layout, which sops uses for {@code lastmodified} and, re-formatted, as
 * the MAC's AAD: seconds, no fraction, {@code Z} for UTC and {@code +hh:mm} otherwise.
 */
final class Rfc3339 {
  private static final DateTimeFormatter GO_RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private Rfc3339() {}

  static String format(Instant t) {
    return GO_RFC3339.format(t.atOffset(ZoneOffset.UTC));
  }

  /** Parses and re-formats, as sops does before using the timestamp as AAD. */
  static String normalize(String lastModified) {
    try {
      return GO_RFC3339.format(OffsetDateTime.parse(lastModified, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
