package dev.keelson.secrets.sealed;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealed Secrets' hybrid format: {@code uint16 BE len(rsa) || rsa || aes-gcm(ciphertext || tag)}.
 * A fresh 32-byte session key is wrapped with RSA-OAEP (SHA-256, MGF1-SHA-256, the scope label);
 * the value is sealed with AES-256-GCM under a 12-byte zero nonce and no AAD. The zero nonce is
 * safe only because each session key is used exactly once.
 */
public final class HybridCipher {
  private static final int SESSION_KEY_BYTES = 32;
  private static final int GCM_TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private HybridCipher() {}

  public static byte[] encrypt(RSAPublicKey key, byte[] plaintext, byte[] label) throws SealedSecretException {
    byte[] sessionKey = new byte[SESSION_KEY_BYTES];
    RANDOM.nextBytes(sessionKey);
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.ENCRYPT_MODE, key, oaep(label), RANDOM);
      byte[] wrapped = rsa.doFinal(sessionKey);
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(GCM_TAG_BITS, new byte[12]));
      byte[] sealed = aes.doFinal(plaintext);
      return ByteBuffer.allocate(2 + wrapped.length + sealed.length)
          .putShort((short) wrapped.length).put(wrapped).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new SealedSecretException("cannot seal: " + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(sessionKey, (byte) 0);
    }
  }

  /**
   * Tries every key, as upstream does (a blob does not say which key sealed it).
   *
   * @return the clear value, or empty when no key opens the blob under this label (wrong key,
   *     wrong scope or name, or a tampered blob: they are indistinguishable by design)
   * @throws SealedSecretException when the blob is not in the format at all
   */
  public static Optional<byte[]> decrypt(Collection<RSAPrivateKey> keys, byte[] blob, byte[] label) throws SealedSecretException {
    if (blob.length < 2) throw new SealedSecretException("sealed value too short");
    int rsaLength = ((blob[0] & 0xff) << 8) | (blob[1] & 0xff);
    if (blob.length < 2 + rsaLength) throw new SealedSecretException("sealed value too short");
    byte[] wrapped = Arrays.copyOfRange(blob, 2, 2 + rsaLength);
    byte[] sealed = Arrays.copyOfRange(blob, 2 + rsaLength, blob.length);
    for (RSAPrivateKey key : keys) {
      byte[] sessionKey = null;
      try {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, key, oaep(label));
        sessionKey = rsa.doFinal(wrapped);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(GCM_TAG_BITS, new byte[12]));
        return Optional.of(aes.doFinal(sealed));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // not this key (or not this label): try the next
      } finally {
        if (sessionKey != null) Arrays.fill(sessionKey, (byte) 0);
      }
    }
    return Optional.empty();
  }

  /** Explicit MGF1-SHA-256: the JDK's "OAEPWithSHA-256" default uses MGF1-SHA-1 and would not interoperate. */
  private static OAEPParameterSpec oaep(byte[] label) {
    return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(label));
  }
}
