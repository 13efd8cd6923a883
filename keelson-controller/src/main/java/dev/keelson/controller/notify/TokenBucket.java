package dev.keelson.controller.notify;

import java.time.Clock;
import java.time.Duration;

/**
 * The rate limit of one Provider: a burst goes out at once, a flood is spread out (Slack takes
 * about one message per second per webhook) rather than refused by the service. A request reserves
 * its turn and is told how long to wait for it.
 */
public final class TokenBucket {
  public static final int BURST = 10;
  public static final double PER_SECOND = 1;

  private final Clock clock;
  private final int burst;
  private final double perSecond;
  private double tokens;
  private long last;

  public TokenBucket(Clock clock) {
    this(clock, BURST, PER_SECOND);
  }

  TokenBucket(Clock clock, int burst, double perSecond) {
    this.clock = clock;
    this.burst = burst;
    this.perSecond = perSecond;
    this.tokens = burst;
    this.last = clock.millis();
  }

  /** How long the caller waits before sending (zero: now). */
  public synchronized Duration reserve() {
    long now = clock.millis();
    tokens = Math.min(burst, tokens + (now - last) / 1000.0 * perSecond);
    last = now;
    tokens -= 1;
    if (tokens >= 0) return Duration.ZERO;
    return Duration.ofMillis((long) Math.ceil(-tokens / perSecond * 1000));
  }
}
