package dev.keelson.core.appset;

/** A template that cannot be parsed or rendered with the parameters given. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }
}
