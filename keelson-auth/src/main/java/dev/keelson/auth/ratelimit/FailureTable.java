package dev.keelson.auth.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Failures per key, bounded: an access-ordered map that drops its eldest entry when full. */
final class FailureTable {
  private record Entry(int failures, Instant last, Instant blockedUntil) {}

  private final RateLimitOptions options;
  private final LinkedHashMap<String, Entry> entries;

  FailureTable(RateLimitOptions options) {
    this.options = options;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > options.maxKeys();
      }
    };
  }

  /** @return until when the key is blocked, if it is at {@code now} */
  synchronized Optional<Instant> blockedUntil(String key, Instant now) {
    Entry e = live(key, now);
    return e != null && e.blockedUntil().isAfter(now) ? Optional.of(e.blockedUntil()) : Optional.empty();
  }

  synchronized void failed(String key, Instant now) {
    Entry e = live(key, now);
    int failures = e == null ? 1 : e.failures() + 1;
    Instant until = now;
    int over = failures - options.freeFailures();
    if (over > 0) {
      // doubling stops at 2^20 so the shift cannot overflow; maxDelay caps it long before
      Duration d = options.firstDelay().multipliedBy(1L << Math.min(over - 1, 20));
      until = now.plus(d.compareTo(options.maxDelay()) > 0 ? options.maxDelay() : d);
    }
    entries.put(key, new Entry(failures, now, until));
  }

  synchronized void reset(String key) {
    entries.remove(key);
  }

  synchronized int size() {
    return entries.size();
  }

  private Entry live(String key, Instant now) {
    Entry e = entries.get(key);
    if (e != null && e.last().plus(options.forgetAfter()).isBefore(now)) {
      entries.remove(key);
      return null;
    }
    return e;
  }
}
