package dev.keelson.core.schedule;

import dev.keelson.core.time.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How a failed sync is retried: up to {@code limit} retries, the first after {@code duration}, each
 * following one {@code factor} times later than the one before, none later than {@code
 * maxDuration}. Defaults and field names as in Argo CD's {@code syncPolicy.retry}.
 *
 * @param limit number of retries after the first attempt; 0: none; negative: unlimited
 * @param duration delay before the first retry; positive
 * @param factor growth of the delay from one retry to the next; at least 1 (1: constant delay)
 * @param maxDuration cap on every delay, the first included (as in Argo CD); positive
 */
public record RetryPolicy(long limit, Duration duration, long factor, Duration maxDuration) {

  private static final String DURATION = "syncPolicy.retry.backoff.duration";
  private static final String FACTOR = "syncPolicy.retry.backoff.factor";
  private static final String MAX_DURATION = "syncPolicy.retry.backoff.maxDuration";

  public static final RetryPolicy DEFAULTS =
      new RetryPolicy(0, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));

  public RetryPolicy {
    Objects.requireNonNull(duration, DURATION);
    Objects.requireNonNull(maxDuration, MAX_DURATION);
    requirePositive(DURATION, duration);
    requirePositive(MAX_DURATION, maxDuration);
    if (factor < 1) {
      throw new IllegalArgumentException(FACTOR + ": must be at least 1, got " + factor);
    }
  }

  /**
   * A policy from the fields as written in the spec; a null (or blank) field takes its default
   * (limit 0, duration 5s, factor 2, maxDuration 3m). Durations are Go durations ({@code 30s},
   * {@code 2m}); a bare whole number is seconds, as Argo CD reads these two fields.
   *
   * @throws IllegalArgumentException naming the field, e.g. {@code
   *     syncPolicy.retry.backoff.duration}
   */
  public static RetryPolicy of(Long limit, String duration, Long factor, String maxDuration) {
    return new RetryPolicy(
        limit == null ? DEFAULTS.limit : limit,
        parse(DURATION, duration, DEFAULTS.duration),
        factor == null ? DEFAULTS.factor : factor,
        parse(MAX_DURATION, maxDuration, DEFAULTS.maxDuration));
  }

  /** Whether another retry may follow once {@code retriesDone} retries have failed. */
  public boolean allows(int retriesDone) {
    return limit < 0 || retriesDone < limit;
  }

  /**
   * The delay before retry number {@code retry} (1 for the first retry): duration *
   * factor^(retry-1), capped at maxDuration. Never overflows, whatever the retry count.
   */
  public Duration delayBefore(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries are numbered from 1, got " + retry);
    }
    Duration delay = min(duration, maxDuration);
    if (factor == 1) {
      return delay;
    }
    // The delay at least doubles each round, so the cap is reached within about a hundred rounds.
    for (int i = 1; i < retry; i++) {
      // delay * factor > maxDuration exactly when delay > maxDuration / factor (rounded down to
      // the nanosecond), which is checked before multiplying so nothing overflows.
      if (delay.compareTo(maxDuration.dividedBy(factor)) > 0) {
        return maxDuration;
      }
      delay = delay.multipliedBy(factor);
    }
    return delay;
  }

  private static Duration parse(String field, String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String s = text.strip();
    try {
      if (s.chars().allMatch(Character::isDigit)) {
        return Duration.ofSeconds(Long.parseLong(s));
      }
      return Durations.parse(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": invalid duration '" + s + "': out of range", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  private static void requirePositive(String field, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(
          field + ": must be positive, got " + Durations.formatCompact(d));
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
