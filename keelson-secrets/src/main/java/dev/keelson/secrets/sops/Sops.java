package dev.keelson.secrets.sops;

/** SOPS files, byte-compatible with sops 3.x. Thread-safe; holds no state. */
public final class Sops {

  /** Flux's limit: larger files are refused before they are parsed. */
  public static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

  private Sops() {}

  /**
   * Whether the content is a SOPS file: a YAML or JSON document (or a binary file's JSON
   * envelope) with the top-level {@code sops} key, or a dotenv / INI file carrying sops's
   * metadata entries. Never throws: content that does not parse is not encrypted.
   */
  public static boolean isEncrypted(byte[] content, SopsFormat format) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The clear content, in the same format (a binary file's original bytes). Verifies the MAC;
   * refuses files over {@link #MAX_FILE_BYTES} and YAML whose aliases expand beyond a bound.
   *
   * @param file the file's path, used in messages only
   */
  public static byte[] decrypt(String file, byte[] content, SopsFormat format, SopsKeys keys) throws SopsException {
    throw new UnsupportedOperationException("not yet");
  }
}
