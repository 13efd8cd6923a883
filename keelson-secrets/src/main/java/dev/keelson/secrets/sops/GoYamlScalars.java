package dev.keelson.secrets.sops;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * How go-yaml v3 (sops's YAML library) types an unquoted, untagged scalar when decoding into
 * {@code interface{}}. It is YAML 1.2's core schema with go-yaml's own extras, and the MAC
 * depends on them: {@code 0777} is octal 511 (YAML 1.1 style), underscores are dropped from
 * numbers ({@code 1_000} is 1000), {@code 0b101} is binary, {@code 09} is the float 9, and
 * timestamp-like values stay strings. snakeyaml-engine's core schema differs on these, so the
 * rule is written here from go-yaml's {@code resolve.go}.
 */
final class GoYamlScalars {
  private static final Pattern YAML_STYLE_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern DOT_FLOAT = Pattern.compile("^\\.[0-9]+([eE][-+]?[0-9]+)?$");
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private GoYamlScalars() {}

  static Node resolve(String in) {
    switch (in) {
      case "", "~", "null", "Null", "NULL":
        return Node.Null.NULL;
      case "true", "True", "TRUE":
        return new Node.Bool(true);
      case "false", "False", "FALSE":
        return new Node.Bool(false);
      case ".nan", ".NaN", ".NAN":
        return new Node.Float(Double.NaN);
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
        return new Node.Float(Double.POSITIVE_INFINITY);
      case "-.inf", "-.Inf", "-.INF":
        return new Node.Float(Double.NEGATIVE_INFINITY);
      default:
        break;
    }
    char c = in.charAt(0);
    if (c == '.') {
      return DOT_FLOAT.matcher(in).matches() ? new Node.Float(Double.parseDouble(in)) : Node.Str.of(in);
    }
    if (!(Character.isDigit(c) || c == '+' || c == '-')) return Node.Str.of(in);
    String plain = in.replace("_", "");
    BigInteger n = parseGoInt(plain);
    if (n != null) {
      if (n.bitLength() < 64) return new Node.Int(n.longValue());
      // go-yaml returns a uint64 here, which sops cannot walk; keep the number as a float
      if (n.signum() > 0 && n.compareTo(UINT64_MAX) <= 0) return new Node.Float(n.doubleValue());
    }
    if (YAML_STYLE_FLOAT.matcher(plain).matches()) return new Node.Float(Double.parseDouble(plain));
    return Node.Str.of(in);
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)} (and ParseUint) without the range check: prefixes 0x, 0o, 0b, and 0 for octal. */
  private static BigInteger parseGoInt(String s) {
    String t = s;
    boolean negative = false;
    if (t.startsWith("+") || t.startsWith("-")) {
      negative = t.startsWith("-");
      t = t.substring(1);
    }
    int radix = 10;
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      t = t.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      t = t.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      t = t.substring(2);
    } else if (t.length() > 1 && t.startsWith("0")) {
      radix = 8;
      t = t.substring(1);
    }
    if (t.isEmpty() || t.startsWith("+") || t.startsWith("-")) return null;
    try {
      BigInteger v = new BigInteger(t, radix);
      v = negative ? v.negate() : v;
      if (v.bitLength() >= 64 && (negative || v.compareTo(UINT64_MAX) > 0)) return null;
      return v;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
