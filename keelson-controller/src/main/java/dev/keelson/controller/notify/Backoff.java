package dev.keelson.controller.notify;

import java.time.Duration;

/**
 * When a failed delivery is tried again: doubling from {@code initial} up to {@code max}, for at
 * most {@code attempts} attempts in all. A receiver that is down for a minute still gets the event.
 */
public record Backoff(Duration initial, Duration max, int attempts) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 6);

  public Backoff {
    if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
  }

  /** Whether attempt number {@code attempt} (0 is the first) may be made. */
  public boolean allows(int attempt) {
    return attempt < attempts;
  }

  /** The wait before attempt number {@code attempt} (1 is the first retry). */
  public Duration before(int attempt) {
    if (attempt <= 0) return Duration.ZERO;
    long ms = initial.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(ms, max.toMillis()));
  }
}
