package dev.keelson.core.time;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Go / Kubernetes duration strings ({@code 30s}, {@code 1h30m}, {@code 500ms}, {@code 1.5h}), the
 * format users already write in Argo CD and Flux specs.
 *
 * <p>Accepted units: {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m},
 * {@code h}. Like Go's {@code time.ParseDuration}, a number without a unit is only allowed for
 * {@code 0}, and a leading sign is allowed. Days are not a unit, to stay compatible with
 * everything else that reads the same fields.
 */
public final class Durations {

  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

  private Durations() {}

  /**
   * @throws IllegalArgumentException with the offending text when the string is not a duration
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("invalid duration: empty string");
    }
    String s = text.strip();
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      i++;
    }
    if (s.substring(i).equals("0")) {
      return Duration.ZERO;
    }
    if (i == s.length()) {
      throw invalid(text, "missing number");
    }
    BigDecimal totalNanos = BigDecimal.ZERO;
    while (i < s.length()) {
      int numberStart = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(numberStart, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(text, "expected a number at position " + (numberStart + 1));
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw invalid(text, "missing unit after " + number + " (use ns, us, ms, s, m or h)");
      }
      long nanosPerUnit = nanosPerUnit(text, unit);
      totalNanos = totalNanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPerUnit)));
    }
    BigInteger nanos = totalNanos.toBigInteger();
    if (negative) {
      nanos = nanos.negate();
    }
    BigInteger[] secondsAndNanos = nanos.divideAndRemainder(NANOS_PER_SECOND);
    try {
      return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
    } catch (ArithmeticException e) {
      throw invalid(text, "out of range");
    }
  }

  private static long nanosPerUnit(String text, String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> throw invalid(text, "unknown unit '" + unit + "' (use ns, us, ms, s, m or h)");
    };
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid duration '" + text + "': " + why);
  }

  /**
   * Go's {@code Duration.String()}: {@code 1h30m0s}, {@code 3m0s}, {@code 1.5s}, {@code 500ms},
   * {@code 0s}. Round-trips through {@link #parse}.
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    String sign = d.isNegative() ? "-" : "";
    Duration abs = d.abs();
    if (abs.compareTo(Duration.ofSeconds(1)) < 0) {
      return sign + subSecond(abs.toNanos());
    }
    long hours = abs.toHours();
    int minutes = abs.toMinutesPart();
    StringBuilder sb = new StringBuilder(sign);
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    sb.append(seconds(abs.toSecondsPart(), abs.toNanosPart())).append('s');
    return sb.toString();
  }

  /**
   * Like {@link #format} without zero components, as people write durations: {@code 1h30m},
   * {@code 3m}, {@code 45s}, {@code 500ms}.
   */
  public static String formatCompact(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    String sign = d.isNegative() ? "-" : "";
    Duration abs = d.abs();
    if (abs.compareTo(Duration.ofSeconds(1)) < 0) {
      return sign + subSecond(abs.toNanos());
    }
    StringBuilder sb = new StringBuilder(sign);
    long hours = abs.toHours();
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (abs.toMinutesPart() > 0) {
      sb.append(abs.toMinutesPart()).append('m');
    }
    if (abs.toSecondsPart() > 0 || abs.toNanosPart() > 0) {
      sb.append(seconds(abs.toSecondsPart(), abs.toNanosPart())).append('s');
    }
    return sb.toString();
  }

  private static String subSecond(long nanos) {
    if (nanos >= 1_000_000) {
      return decimal(nanos, 1_000_000) + "ms";
    }
    if (nanos >= 1_000) {
      return decimal(nanos, 1_000) + "µs";
    }
    return nanos + "ns";
  }

  private static String seconds(int seconds, int nanos) {
    return decimal(seconds * 1_000_000_000L + nanos, 1_000_000_000L);
  }

  /** value/unit as a decimal without trailing zeros: 1500/1000 -> "1.5". */
  private static String decimal(long value, long unit) {
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(unit))
        .stripTrailingZeros()
        .toPlainString();
  }
}
