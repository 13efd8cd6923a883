package dev.keelson.core.diff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A digest of the live object projected on the desired one (see {@link Projection}), taken right
 * after Keelson applied or verified it. While the desired object and the live projection keep
 * the same digest, the object is in sync and needs neither a dry-run nor a write: this is what
 * makes the steady state cost no per-object requests.
 */
public record Fingerprint(String desiredDigest, String liveDigest) {

  public static Fingerprint of(Map<String, Object> desired, Map<String, Object> live) {
    return new Fingerprint(digest(desired), digest(Projection.project(desired, live)));
  }

  /** True when neither the desired object nor the live fields it sets have changed since. */
  public boolean matches(Map<String, Object> desired, Map<String, Object> live) {
    return live != null
        && desiredDigest.equals(digest(desired))
        && liveDigest.equals(digest(Projection.project(desired, live)));
  }

  /**
   * True when the live fields the desired object sets are unchanged, for a caller that already
   * knows the desired object is the one the fingerprint was taken with.
   */
  public boolean liveMatches(Map<String, Object> desired, Map<String, Object> live) {
    return live != null && liveDigest.equals(digest(Projection.project(desired, live)));
  }

  public static String digest(Object value) {
    try {
      byte[] bytes = JsonValues.canonicalJson(value).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
