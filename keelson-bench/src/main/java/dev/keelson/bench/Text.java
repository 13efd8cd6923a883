package dev.keelson.bench;

import java.time.Duration;
import java.util.Locale;

/** Small formatting helpers shared by the scenarios. */
final class Text {
  private Text() {}

  /** {@code 90s} as {@code 1m30s}, {@code 2s}, {@code 500ms}. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) return ms + "ms";
    long s = d.toSeconds();
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    StringBuilder b = new StringBuilder();
    if (h > 0) b.append(h).append('h');
    if (m > 0) b.append(m).append('m');
    if (sec > 0 || b.length() == 0) b.append(sec).append('s');
    return b.toString();
  }

  /** Rounded to {@code decimals} places, for readable JSON. */
  static double round(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) return value;
    double f = Math.pow(10, decimals);
    return Math.round(value * f) / f;
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static double millis(long nanos) {
    return round(nanos / 1e6, 1);
  }

  static double mib(long bytes) {
    return round(bytes / (1024.0 * 1024.0), 1);
  }

  static String appName(int i) {
    return String.format(Locale.ROOT, "app-%04d", i);
  }
}
