package dev.keelson.core.manifest;

/**
 * A source file could not be turned into manifests. The message is complete and user-facing (it
 * starts with the file and document), because it ends up verbatim in an application's status.
 */
public final class ManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String origin;
  private final int documentIndex;

  /**
   * @param origin the file (or other source, such as {@code kustomize}) the text came from
   * @param documentIndex 1-based index of the failing document, or 0 when the error is not tied to
   *     one document
   * @param message full message, already prefixed with origin and document
   */
  public ManifestException(String origin, int documentIndex, String message) {
    super(message);
    this.origin = origin == null ? "" : origin;
    this.documentIndex = documentIndex;
  }

  /** The file (or source) that failed, e.g. {@code deploy/web.yaml}. */
  public String origin() {
    return origin;
  }

  /** 1-based index of the failing document within the file, 0 if not tied to one document. */
  public int documentIndex() {
    return documentIndex;
  }
}
