package dev.keelson.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Token lifetimes as Argo CD's account generate-token takes them: Go durations plus days ({@code 30d}). */
final class DayDuration implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.strip();
    if (v.endsWith("d")) {
      try {
        long days = Long.parseLong(v.substring(0, v.length() - 1));
        if (days <= 0) throw new TypeConversionException("a lifetime is positive: " + value);
        return Duration.ofDays(days);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("not a duration (e.g. 30d, 720h): " + value);
      }
    }
    Duration d = GoDuration.parse(v);
    if (d.isZero() || d.isNegative()) throw new TypeConversionException("a lifetime is positive: " + value);
    return d;
  }
}
