package dev.keelson.secrets.sops;

import java.util.Map;

/**
 * The private keys that may open a file's data key: age X25519 identities and OpenPGP secret keys.
 */
public final class SopsKeys {

  /**
   * From a decryption Secret's data, Flux's naming: keys ending {@code .agekey} hold age identities
   * (one or more {@code AGE-SECRET-KEY-1...} lines, {@code #} comments ignored), keys ending {@code
   * .asc} hold armored OpenPGP secret keys. Other keys are ignored.
   */
  public static SopsKeys fromSecretData(Map<String, byte[]> data) throws SopsException {
    throw new UnsupportedOperationException("not yet");
  }

  /** Whether there is no key at all. */
  public boolean isEmpty() {
    throw new UnsupportedOperationException("not yet");
  }
}
