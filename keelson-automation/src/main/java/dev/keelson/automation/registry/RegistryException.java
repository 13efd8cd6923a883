package dev.keelson.automation.registry;

import java.time.Duration;

/** A registry request that failed, with what kind of failure it was (the condition's reason). */
public final class RegistryException extends Exception {
  public enum Reason {
    /** The registry or its token service refused the credentials, or wants some. */
    AUTHENTICATION_FAILED,
    /** No such repository or tag. */
    NOT_FOUND,
    /** 429 for longer than a scan waits: look again after {@link #retryAfter()}. */
    RATE_LIMITED,
    /** Not reachable, timed out, TLS refused. */
    UNREACHABLE,
    /** An answer the distribution API does not give. */
    PROTOCOL
  }

  private final Reason reason;
  private final Duration retryAfter;

  public RegistryException(Reason reason, String message) {
    this(reason, message, null, null);
  }

  public RegistryException(Reason reason, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  /** Only for {@link Reason#RATE_LIMITED}; null otherwise. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
