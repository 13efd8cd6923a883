package dev.keelson.secrets.sealed;

/**
 * A value that cannot be sealed or opened, or a key or certificate that cannot be read. The
 * message names keys and files only, never a value, clear or sealed, nor key material.
 */
public final class SealedSecretException extends Exception {
  public SealedSecretException(String message) {
    super(message);
  }

  public SealedSecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
