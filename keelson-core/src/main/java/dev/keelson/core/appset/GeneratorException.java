package dev.keelson.core.appset;

/** A generator that could not produce its parameters: its apps stay as they were. */
public final class GeneratorException extends Exception {
  public GeneratorException(String message) {
    super(message);
  }
}
