package dev.keelson.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt, as Argo CD stores account passwords ({@code $2a$}/{@code $2b$}/{@code $2y$} hashes
 * all verify, so an argocd-secret's hashes can be copied over).
 */
public final class PasswordHasher {
  /** Argo CD's cost; about 60 ms a check on one core, which the rate limiter multiplies. */
  public static final int COST = 10;
  /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
  public static final int MAX_BYTES = 72;

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Checked against when the account does not exist, so that the answer takes as long. */
  private static final String DUMMY = hash("keelson-dummy-password".toCharArray());

  private PasswordHasher() {}

  public static String hash(char[] password) {
    if (new String(password).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("a password has at most " + MAX_BYTES + " bytes");
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2b", password, salt, COST);
  }

  public static boolean verify(String hash, char[] password) {
    if (new String(password).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return false;
    try {
      return OpenBSDBCrypt.checkPassword(hash, password);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Spends the time of one check, for a user that does not exist. */
  public static void verifyNothing(char[] password) {
    verify(DUMMY, password);
  }
}
