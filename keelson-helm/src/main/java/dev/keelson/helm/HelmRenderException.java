package dev.keelson.helm;

/**
 * A chart that cannot be rendered. Nothing of the revision may be applied. Messages never hold
 * credentials, and paths are relative to the repository or chart, never to a temporary directory.
 */
public class HelmRenderException extends Exception {

  private final String file;

  public HelmRenderException(String file, String message) {
    super(message);
    this.file = file == null ? "" : file;
  }

  public HelmRenderException(String file, String message, Throwable cause) {
    super(message, cause);
    this.file = file == null ? "" : file;
  }

  /**
   * The file at fault: a chart template ({@code templates/deployment.yaml}), {@code Chart.yaml}, or
   * a values file as the spec names it; empty if none in particular.
   */
  public String file() {
    return file;
  }
}
