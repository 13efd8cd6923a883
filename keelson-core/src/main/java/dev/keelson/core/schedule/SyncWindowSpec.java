package dev.keelson.core.schedule;

import dev.keelson.core.time.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One sync window: from every fire time of {@code schedule} (on the clock of {@code timeZone}) the
 * window is active for {@code duration} of elapsed time.
 *
 * @param kind allow: automated syncs only inside; deny: no automated syncs inside
 * @param schedule 5-field cron schedule at which the window opens, or an Argo CD descriptor such as
 *     {@code @daily}
 * @param duration how long each opening lasts; positive, may be longer than the schedule's period
 * @param timeZone zone whose local clock the schedule is read on
 * @param manualSync manual syncs ({@code keelson app sync}) are let through this window anyway
 */
public record SyncWindowSpec(
    Kind kind, String schedule, Duration duration, ZoneId timeZone, boolean manualSync) {

  public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

  /** Spelled as in the Application spec, so {@link #name()} is what users write. */
  public enum Kind {
    allow,
    deny;

    /** The kind for a case-insensitive name, or null when there is none. */
    public static Kind parse(String name) {
      if (name == null) return null;
      for (Kind k : values()) {
        if (k.name().equalsIgnoreCase(name.strip())) return k;
      }
      return null;
    }
  }

  public SyncWindowSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(timeZone, "timeZone");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(
          "duration must be positive, got " + Durations.formatCompact(duration));
    }
    CronSchedule.parse(schedule);
  }

  /**
   * A window from the fields of {@code syncPolicy.windows[index]} as written in the spec.
   *
   * @param timeZone null or blank: UTC
   * @param manualSync null: false
   * @throws IllegalArgumentException naming the field, e.g. {@code syncPolicy.windows[1].schedule}
   */
  public static SyncWindowSpec of(
      int index,
      String kind,
      String schedule,
      String duration,
      String timeZone,
      Boolean manualSync) {
    return of("syncPolicy.windows[" + index + "].", kind, schedule, duration, timeZone, manualSync);
  }

  /**
   * A window from fields written elsewhere (an AppProject's {@code syncWindows}).
   *
   * @param field how error messages name the window, ending with a dot
   */
  public static SyncWindowSpec of(
      String field,
      String kind,
      String schedule,
      String duration,
      String timeZone,
      Boolean manualSync) {
    if (kind == null) {
      throw new IllegalArgumentException(field + "kind: required, allow or deny");
    }
    Kind parsedKind = Kind.parse(kind);
    if (parsedKind == null) {
      throw new IllegalArgumentException(field + "kind: '" + kind + "' is not allow or deny");
    }
    try {
      CronSchedule.parse(schedule);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + "schedule: " + e.getMessage(), e);
    }
    return new SyncWindowSpec(
        parsedKind,
        schedule.strip(),
        parseDuration(field + "duration", duration),
        parseZone(field + "timeZone", timeZone),
        Boolean.TRUE.equals(manualSync));
  }

  private static Duration parseDuration(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(field + ": required, such as 1h or 30m");
    }
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(field + ": must be positive, got '" + text.strip() + "'");
    }
    return d;
  }

  private static ZoneId parseZone(String field, String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_TIME_ZONE;
    }
    try {
      return ZoneId.of(text.strip());
    } catch (DateTimeException e) {
      String why = "unknown time zone '%s' (use an IANA name such as Europe/Berlin)";
      throw new IllegalArgumentException(field + ": " + why.formatted(text.strip()), e);
    }
  }

  /** How messages name the window: {@code deny window '0 22 * * *' (1h, UTC)}. */
  public String describe() {
    return "%s window '%s' (%s, %s)"
        .formatted(kind, schedule, Durations.formatCompact(duration), timeZone.getId());
  }
}
