package dev.keelson.rollouts.canary;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Argo Rollouts' durations: a number of seconds, or a number with s, m or h ({@code 30s}, {@code 5m}, {@code 1h}). */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

  private Durations() {}

  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) throw new IllegalArgumentException("not a duration (like 30s, 5m, 1h): " + text);
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
