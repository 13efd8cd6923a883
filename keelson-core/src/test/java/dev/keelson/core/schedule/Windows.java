package dev.keelson.core.schedule;

import java.time.Instant;

/** Short ways to write windows and instants in the sync window tests. */
final class Windows {

  private Windows() {}

  static SyncWindowSpec deny(String schedule, String duration) {
    return SyncWindowSpec.of(0, "deny", schedule, duration, null, null);
  }

  static SyncWindowSpec deny(String schedule, String duration, String zone, boolean manualSync) {
    return SyncWindowSpec.of(0, "deny", schedule, duration, zone, manualSync);
  }

  static SyncWindowSpec allow(String schedule, String duration) {
    return SyncWindowSpec.of(0, "allow", schedule, duration, null, null);
  }

  static SyncWindowSpec allow(String schedule, String duration, String zone, boolean manualSync) {
    return SyncWindowSpec.of(0, "allow", schedule, duration, zone, manualSync);
  }

  /** An instant in UTC, as {@code 2026-11-26T22:30:00Z}. */
  static Instant at(String isoInstant) {
    return Instant.parse(isoInstant);
  }
}
