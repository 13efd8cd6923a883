package dev.keelson.controller.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets a key through once per window: the same event (object, revision, reason) published again
 * within it, as a reconcile retrying a failure does every few seconds, is not sent again
 * (argo-cd notifications #153). Bounded: the oldest keys go first.
 */
public final class DedupWindow {
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  static final int MAX_KEYS = 10_000;

  private final Clock clock;
  private final Duration window;
  private final int maxKeys;
  /** Key to when it was let through, oldest first. */
  private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

  public DedupWindow(Clock clock, Duration window) {
    this(clock, window, MAX_KEYS);
  }

  DedupWindow(Clock clock, Duration window, int maxKeys) {
    this.clock = clock;
    this.window = window;
    this.maxKeys = maxKeys;
  }

  /** True the first time a key is offered within the window (and then remembers it). */
  public synchronized boolean first(String key) {
    long now = clock.millis();
    expire(now);
    Long at = seen.get(key);
    if (at != null && now - at < window.toMillis()) return false;
    seen.remove(key);
    seen.put(key, now);
    if (seen.size() > maxKeys) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  synchronized int size() {
    return seen.size();
  }

  private void expire(long now) {
    Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue() < window.toMillis()) break;
      it.remove();
    }
  }
}
