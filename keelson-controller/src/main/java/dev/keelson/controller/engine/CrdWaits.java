package dev.keelson.controller.engine;

import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.tracking.AppRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when each sync has been waiting for a CRD to be Established, measured on the clock across
 * reconciles. Kept in memory: after a restart the wait simply starts again.
 */
final class CrdWaits {
  private record Waiting(AppRef app, ResourceKey crd) {}

  private final Clock clock;
  private final Duration limit;
  private final Map<Waiting, Instant> since = new ConcurrentHashMap<>();

  CrdWaits(Clock clock, Duration limit) {
    this.clock = clock;
    this.limit = limit;
  }

  /** Records the wait if it is new; true once it has lasted longer than the limit (and forgets it). */
  boolean overdue(AppRef app, ResourceKey crd) {
    Instant now = clock.instant();
    Waiting w = new Waiting(app, crd);
    Instant started = since.computeIfAbsent(w, k -> now);
    if (!now.isAfter(started.plus(limit))) return false;
    since.remove(w);
    return true;
  }

  void done(AppRef app, ResourceKey crd) {
    since.remove(new Waiting(app, crd));
  }
}
