package dev.keelson.secrets.sops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat(f, 'f', -1, 64)}: the shortest decimal that reads back as the
 * same double, without exponent. sops hashes and encrypts floats in this form, so the MAC depends
 * on it. Written here because Java 17's {@code Double.toString} is not always the shortest.
 */
final class GoFloat {
  private GoFloat() {}

  static String format(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
    if (d == 0) return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
    return shortest(d).toPlainString();
  }

  /** The shortest decimal that round-trips; Go picks the closest of that length, as rounding does. */
  static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) return candidate.stripTrailingZeros();
    }
    return exact.stripTrailingZeros();
  }
}
