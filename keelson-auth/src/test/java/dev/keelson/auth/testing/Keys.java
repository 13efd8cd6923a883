package dev.keelson.auth.testing;

import java.security.SecureRandom;

/** Fresh random server keys. */
public final class Keys {
  private Keys() {}

  public static byte[] serverKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }
}
