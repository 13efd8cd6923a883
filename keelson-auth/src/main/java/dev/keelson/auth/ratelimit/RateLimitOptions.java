package dev.keelson.auth.ratelimit;

import java.time.Duration;

/**
 * @param freeFailures failures allowed before any wait
 * @param firstDelay the wait after the first failure past those; it doubles with each further one
 * @param maxDelay the longest wait
 * @param forgetAfter a key with no failure for this long starts again from zero
 * @param maxKeys users (and, separately, addresses) remembered; the least recently failed go first
 */
public record RateLimitOptions(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter, int maxKeys) {
  public static RateLimitOptions defaults() {
    return new RateLimitOptions(5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), 10_000);
  }
}
