package dev.keelson.core.schedule;

import java.time.Instant;
import java.util.Optional;

/** A {@link SyncWindowSpec} with its schedule parsed once, answering when it is active. */
final class SyncWindow {

  private final SyncWindowSpec spec;
  private final CronSchedule schedule;

  SyncWindow(SyncWindowSpec spec) {
    this.spec = spec;
    this.schedule = CronSchedule.parse(spec.schedule());
  }

  SyncWindowSpec spec() {
    return spec;
  }

  boolean isDeny() {
    return spec.kind() == SyncWindowSpec.Kind.deny;
  }

  /**
   * When the opening that contains {@code t} ends, or empty when the window is not active at {@code
   * t}. Active means: some fire time s has s <= t < s + duration. Every opening lasts equally long,
   * so the newest start has the latest end and one look back is enough, also when the duration is
   * longer than the schedule's period and openings overlap.
   */
  Optional<Instant> activeUntil(Instant t) {
    return schedule
        .latestAtOrBefore(t, spec.timeZone())
        .map(start -> start.plus(spec.duration()))
        .filter(end -> end.isAfter(t));
  }

  boolean isActive(Instant t) {
    return activeUntil(t).isPresent();
  }

  /** The next opening strictly after {@code t}. */
  Optional<Instant> nextOpening(Instant t) {
    return schedule.nextAfter(t, spec.timeZone());
  }
}
