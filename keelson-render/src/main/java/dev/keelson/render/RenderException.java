package dev.keelson.render;

/**
 * A revision could not be rendered. Nothing of such a revision may be applied, so callers treat
 * this as "keep what is running and report". The message is complete and user-facing.
 */
public final class RenderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;

  /**
   * @param file the file at fault, relative to the application's path (e.g. {@code
   *     deploy/web.yaml} or {@code overlays/prod/kustomization.yaml}); empty if none in particular
   * @param message full message, normally starting with the file
   */
  public RenderException(String file, String message) {
    super(message);
    this.file = file == null ? "" : file;
  }

  public RenderException(String file, String message, Throwable cause) {
    super(message, cause);
    this.file = file == null ? "" : file;
  }

  /** The file at fault, relative to the application's path; empty if none in particular. */
  public String file() {
    return file;
  }
}
