package dev.keelson.controller.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a generic-hmac Provider's request, as Flux sends it: header
 * {@code X-Signature: sha256=<hex of HMAC-SHA256(token, body)>}, which a Keelson or Flux
 * generic-hmac Receiver verifies.
 */
public final class HmacSignature {
  public static final String HEADER = "X-Signature";

  private HmacSignature() {}

  public static String of(String key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
