package dev.keelson.source;

import org.eclipse.jgit.transport.RemoteRefUpdate;

/** The remote did not take a push, and why: its own words where it gave some. */
public final class PushRefusedException extends SourceException {
  private static final long serialVersionUID = 1L;

  public enum Reason {
    /** The branch moved on since it was fetched (or exists though it should not). */
    NOT_FAST_FORWARD,
    /** The server refused it (a protected branch, a hook, no write permission). */
    REJECTED,
    /** The transport failed: authentication, the network, the server's answer. */
    TRANSPORT
  }

  private final Reason reason;

  PushRefusedException(String message, Throwable cause, Redactor redactor, Reason reason) {
    super(message, cause, redactor);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static PushRefusedException of(String url, String branch, RemoteRefUpdate.Status status, String remoteMessage,
      Redactor redactor) {
    Reason reason = switch (status) {
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> Reason.NOT_FAST_FORWARD;
      default -> Reason.REJECTED;
    };
    String what = switch (status) {
      case REJECTED_NONFASTFORWARD -> "the branch has commits this update is not based on (not a fast-forward)";
      case REJECTED_REMOTE_CHANGED -> "the branch moved on since it was fetched";
      case REJECTED_NODELETE -> "the server refuses deletions";
      case REJECTED_OTHER_REASON -> "the server refused it";
      case NON_EXISTING -> "the branch does not exist";
      default -> status.name();
    };
    return new PushRefusedException("push to branch " + branch + " of " + url + " refused: " + what
        + (remoteMessage == null || remoteMessage.isBlank() ? "" : " (" + remoteMessage + ")"), null, redactor, reason);
  }
}
