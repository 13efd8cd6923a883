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
    boolean retry = code == 0 || code >= 500 || code == 429 || code == 409;
    String reason = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : rootMessage(e);
    return new KubeException(what + ": " + reason, retry, e);
  }

  private static String rootMessage(Throwable t) {
    Throwable cur = t;
    while (cur.getCause() != null && cur.getCause() != cur) cur = cur.getCause();
    return cur.getMessage() != null ? cur.getMessage() : cur.getClass().getSimpleName();
  }
}
