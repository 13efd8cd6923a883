package dev.keelson.source;

/**
 * A Git source could not be fetched, resolved or read.
 *
 * <p>Messages are redacted on construction (URL userinfo removed), and the cause chain is
 * replaced by redacted copies, so that logging the exception with its stack trace cannot leak
 * credentials that a transport library put into its own messages.
 */
public class SourceException extends Exception {

  private static final long serialVersionUID = 1L;

  public SourceException(String message) {
    super(Urls.redact(message));
  }

  public SourceException(String message, Throwable cause) {
    this(message, cause, Redactor.URLS_ONLY);
  }

  SourceException(String message, Throwable cause, Redactor redactor) {
    super(redactor.redact(message), RedactedCause.of(cause, redactor));
  }

  /** Stand-in for a foreign exception: same class name, message redacted, same stack trace. */
  static final class RedactedCause extends Exception {
    private static final long serialVersionUID = 1L;

    private RedactedCause(String message, Throwable cause) {
      super(message, cause, false, true);
    }

    static Throwable of(Throwable original, Redactor redactor) {
      if (original == null) {
        return null;
      }
      // Bounded depth guards against cyclic cause chains.
      return copy(original, redactor, 0);
    }

    private static Throwable copy(Throwable t, Redactor redactor, int depth) {
      if (t == null || depth > 16) {
        return null;
      }
      String message = t.getClass().getName();
      if (t.getMessage() != null) {
        message += ": " + redactor.redact(t.getMessage());
      }
      RedactedCause copy = new RedactedCause(message, copy(t.getCause(), redactor, depth + 1));
      copy.setStackTrace(t.getStackTrace());
      return copy;
    }

    @Override
    public String toString() {
      // The message already starts with the original class name.
      return getMessage();
    }
  }
}
