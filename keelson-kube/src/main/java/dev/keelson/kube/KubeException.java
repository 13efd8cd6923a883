package dev.keelson.kube;

/**
 * A failed call to the API server. {@code transient} tells whether retrying the same request
 * may succeed (server errors, timeouts, connection failures) or not (the server rejected the
 * object: invalid, forbidden, unknown kind).
 */
public class KubeException extends Exception {
  private final boolean transientFailure;

  public KubeException(String message, boolean transientFailure) {
    super(message);
    this.transientFailure = transientFailure;
  }

  public KubeException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  public boolean isTransient() {
    return transientFailure;
  }

  /** Classifies a client exception by HTTP status: 5xx, 429, 409 and no answer are transient. */
  static KubeException from(String what, io.fabric8.kubernetes.client.KubernetesClientException e) {
    int code = e.getCode();
    String reason = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : rootMessage(e);
    boolean retry = (code == 0 || code >= 500 || code == 429 || code == 409) && !objectInvalid(reason);
    return new KubeException(what + ": " + reason, retry, e);
  }

  /**
   * Server-side apply answers 500 when an object does not fit its schema (e.g. a list entry that
   * lacks a merge key): the same object fails the same way every time, so it is not transient.
   */
  private static boolean objectInvalid(String reason) {
    return reason != null && reason.contains("failed to create typed patch object");
  }

  private static String rootMessage(Throwable t) {
    Throwable cur = t;
    while (cur.getCause() != null && cur.getCause() != cur) cur = cur.getCause();
    return cur.getMessage() != null ? cur.getMessage() : cur.getClass().getSimpleName();
  }
}
