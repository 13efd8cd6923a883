package dev.keelson.secrets.sops;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shamir's secret sharing over GF(2^8), as sops's {@code shamir} package (from HashiCorp Vault)
 * does it: one random polynomial per secret byte, AES's field polynomial x^8+x^4+x^3+x+1, each
 * share the y values followed by one byte x; sops numbers the shares x = 1..n in key-group order.
 * Written here because the share layout must match sops byte for byte, and no Java library does.
 */
final class Shamir {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Shamir() {}

  static List<byte[]> split(byte[] secret, int parts, int threshold) {
    if (parts < threshold) throw new IllegalArgumentException("the number of key groups cannot be less than the Shamir threshold");
    if (parts > 255) throw new IllegalArgumentException("at most 255 key groups");
    if (threshold < 2) throw new IllegalArgumentException("the Shamir threshold must be at least 2");
    if (secret.length == 0) throw new IllegalArgumentException("cannot split an empty secret");
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      byte[] share = new byte[secret.length + 1];
      share[secret.length] = (byte) (i + 1);
      out.add(share);
    }
    byte[] coefficients = new byte[threshold];
    for (int idx = 0; idx < secret.length; idx++) {
      coefficients[0] = secret[idx];
      byte[] random = new byte[threshold - 1];
      RANDOM.nextBytes(random);
      System.arraycopy(random, 0, coefficients, 1, threshold - 1);
      for (int i = 0; i < parts; i++) {
        out.get(i)[idx] = (byte) evaluate(coefficients, i + 1);
      }
    }
    return out;
  }

  static byte[] combine(List<byte[]> parts) {
    if (parts.size() < 2) throw new IllegalArgumentException("less than two shares cannot rebuild the data key");
    int len = parts.get(0).length;
    if (len < 2) throw new IllegalArgumentException("a share must be at least two bytes");
    int[] xs = new int[parts.size()];
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).length != len) throw new IllegalArgumentException("the shares differ in length");
      xs[i] = parts.get(i)[len - 1] & 0xff;
      if (!seen.add(xs[i])) throw new IllegalArgumentException("two shares have the same x");
    }
    byte[] secret = new byte[len - 1];
    int[] ys = new int[parts.size()];
    for (int idx = 0; idx < secret.length; idx++) {
      for (int i = 0; i < parts.size(); i++) ys[i] = parts.get(i)[idx] & 0xff;
      secret[idx] = (byte) interpolateAtZero(xs, ys);
    }
    return secret;
  }

  private static int evaluate(byte[] coefficients, int x) {
    int degree = coefficients.length - 1;
    int out = coefficients[degree] & 0xff;
    for (int i = degree - 1; i >= 0; i--) {
      out = mult(out, x) ^ (coefficients[i] & 0xff);
    }
    return out;
  }

  /** Lagrange interpolation at x = 0; addition and subtraction are both XOR. */
  private static int interpolateAtZero(int[] xs, int[] ys) {
    int result = 0;
    for (int i = 0; i < xs.length; i++) {
      int basis = 1;
      for (int j = 0; j < xs.length; j++) {
        if (i == j) continue;
        int num = xs[j];
        int denom = xs[i] ^ xs[j];
        basis = mult(basis, div(num, denom));
      }
      result ^= mult(ys[i], basis);
    }
    return result;
  }

  private static int div(int a, int b) {
    if (b == 0) throw new ArithmeticException("divide by zero");
    return mult(a, inverse(b));
  }

  /** a^254 = a^-1 in GF(2^8). */
  private static int inverse(int a) {
    int b = mult(a, a);
    int c = mult(a, b);
    b = mult(c, c);
    b = mult(b, b);
    c = mult(b, c);
    b = mult(b, b);
    b = mult(b, b);
    b = mult(b, c);
    b = mult(b, b);
    b = mult(a, b);
    return mult(b, b);
  }

  /** Multiplication modulo x^8+x^4+x^3+x+1. */
  static int mult(int a, int b) {
    int acc = 0;
    for (int i = 7; i >= 0; i--) {
      int bit = (b >> i) & 1;
      int aOrZero = bit == 1 ? a : 0;
      int reduce = (acc & 0x80) != 0 ? 0x1B : 0;
      acc = (aOrZero ^ (((acc << 1) & 0xff) ^ reduce)) & 0xff;
    }
    return acc;
  }
}
