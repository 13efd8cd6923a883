package dev.keelson.controller.receiver;

import java.time.Clock;

/**
 * A token bucket per Receiver: a burst of pushes gets through, a flood does not reach the API
 * server or the Git servers.
 */
final class RateLimit {
  static final int BURST = 20;
  static final double PER_SECOND = 5;

  private final Clock clock;
  private double tokens = BURST;
  private long last;

  RateLimit(Clock clock) {
    this.clock = clock;
    this.last = clock.millis();
  }

  synchronized boolean tryAcquire() {
    long now = clock.millis();
    tokens = Math.min(BURST, tokens + (now - last) / 1000.0 * PER_SECOND);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
