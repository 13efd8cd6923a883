package dev.keelson.core.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A 5-field UNIX cron schedule ({@code minute hour day-of-month month day-of-week}), the format
 * Argo CD's sync windows use, evaluated on the local clock of a time zone.
 *
 * <p>The descriptors Argo CD accepts ({@code @hourly}, {@code @daily}, ...) are expanded here,
 * because cron-utils' UNIX definition rejects them. {@code @every} and {@code @reboot} are not
 * schedules of wall-clock times and are rejected.
 *
 * <p>Daylight saving time follows cron-utils: a local time skipped by the clock change does not
 * fire that day, and a local time that occurs twice fires twice.
 */
final class CronSchedule {

  private static final CronDefinition UNIX =
      CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);

  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private static final String DESCRIPTOR_LIST =
      "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly";

  private final ExecutionTime executionTime;

  private CronSchedule(ExecutionTime executionTime) {
    this.executionTime = executionTime;
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the expression, without naming a
   *     field (the caller knows which field it came from)
   */
  static CronSchedule parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("required, a 5-field cron schedule such as '0 22 * * *'");
    }
    String text = expression.strip();
    if (text.startsWith("@")) {
      String expanded = DESCRIPTORS.get(text.toLowerCase(Locale.ROOT));
      if (expanded == null) {
        throw new IllegalArgumentException(
            "'" + text + "' is not supported; use 5 cron fields or one of " + DESCRIPTOR_LIST);
      }
      text = expanded;
    }
    ExecutionTime executionTime;
    try {
      // A new parser per call: parsing happens once per window, and nothing needs to be known
      // about the parser's thread safety.
      executionTime = ExecutionTime.forCron(new CronParser(UNIX).parse(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid cron schedule '" + expression.strip() + "': " + e.getMessage(), e);
    }
    // "0 0 30 2 *" parses but never fires; a window on it would silently never open.
    if (executionTime.nextExecution(Instant.EPOCH.atZone(ZoneId.of("UTC"))).isEmpty()) {
      throw new IllegalArgumentException("cron schedule '" + expression.strip() + "' never fires");
    }
    return new CronSchedule(executionTime);
  }

  /** The newest fire time at or before {@code t}, on the clock of {@code zone}. */
  Optional<Instant> latestAtOrBefore(Instant t, ZoneId zone) {
    ZonedDateTime at = t.atZone(zone);
    // lastExecution is strictly before its argument, and isMatch ignores seconds, so t itself
    // counts as a fire time only when it falls exactly on a matching minute.
    if (at.getSecond() == 0 && at.getNano() == 0 && executionTime.isMatch(at)) {
      return Optional.of(t);
    }
    return executionTime.lastExecution(at).map(ZonedDateTime::toInstant);
  }

  /** The first fire time strictly after {@code t}, on the clock of {@code zone}. */
  Optional<Instant> nextAfter(Instant t, ZoneId zone) {
    return executionTime.nextExecution(t.atZone(zone)).map(ZonedDateTime::toInstant);
  }
}
