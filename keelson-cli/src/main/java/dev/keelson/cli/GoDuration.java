package dev.keelson.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as the upstream controller's flags take them (Go's time.ParseDuration: {@code 720h},
 * {@code 1h30m}, {@code 90s}, {@code 0}), so existing settings carry over; ISO-8601
 * ({@code P30D}) is accepted too.
 */
final class GoDuration implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String v = value.strip();
    if (v.equals("0")) return Duration.ZERO;
    if (v.startsWith("P") || v.startsWith("p")) {
      try {
        return Duration.parse(v);
      } catch (java.time.format.DateTimeParseException e) {
        throw new TypeConversionException("not a duration: " + value);
      }
    }
    Matcher m = PART.matcher(v);
    int at = 0;
    double millis = 0;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      millis += switch (m.group(2)) {
        case "h" -> n * 3_600_000;
        case "m" -> n * 60_000;
        case "s" -> n * 1_000;
        default -> n;
      };
      at = m.end();
    }
    if (at == 0 || at != v.length()) throw new TypeConversionException("not a duration (e.g. 720h, 1h30m, 90s): " + value);
    return Duration.ofMillis((long) millis);
  }
}
