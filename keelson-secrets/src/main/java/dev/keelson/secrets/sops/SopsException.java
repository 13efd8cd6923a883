package dev.keelson.secrets.sops;

/**
 * A file that cannot be decrypted or encrypted. The message names the file and the cause (no key
 * opens the data key, the MAC does not match, a value was tampered with, the file is too large) and
 * never carries a value, clear or encrypted.
 */
public final class SopsException extends Exception {
  private final String file;

  public SopsException(String file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  public SopsException(String file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  public String file() {
    return file;
  }
}
