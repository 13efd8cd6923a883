package dev.keelson.core.schedule;

import static dev.keelson.core.schedule.Windows.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

  private static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void aFireTimeIsItsOwnLatestFireTime() {
    CronSchedule daily = CronSchedule.parse("0 22 * * *");

    assertThat(daily.latestAtOrBefore(at("2026-11-26T22:00:00Z"), UTC))
        .contains(at("2026-11-26T22:00:00Z"));
  }

  @Test
  void latestFireTimeLooksBackAcrossSecondsAndDays() {
    CronSchedule daily = CronSchedule.parse("0 22 * * *");

    assertThat(daily.latestAtOrBefore(at("2026-11-26T22:00:00.000000001Z"), UTC))
        .contains(at("2026-11-26T22:00:00Z"));
    assertThat(daily.latestAtOrBefore(at("2026-11-26T22:00:30Z"), UTC))
        .contains(at("2026-11-26T22:00:00Z"));
    assertThat(daily.latestAtOrBefore(at("2026-11-26T21:59:59.999Z"), UTC))
        .contains(at("2026-11-25T22:00:00Z"));
  }

  @Test
  void nextFireTimeIsStrictlyLater() {
    CronSchedule daily = CronSchedule.parse("0 22 * * *");

    assertThat(daily.nextAfter(at("2026-11-26T22:00:00Z"), UTC))
        .contains(at("2026-11-27T22:00:00Z"));
    assertThat(daily.nextAfter(at("2026-11-26T22:00:30Z"), UTC))
        .contains(at("2026-11-27T22:00:00Z"));
    assertThat(daily.nextAfter(at("2026-11-26T21:59:59.999Z"), UTC))
        .contains(at("2026-11-26T22:00:00Z"));
  }

  @Test
  void readsTheScheduleOnTheClockOfTheZone() {
    CronSchedule daily = CronSchedule.parse("0 22 * * *");

    assertThat(daily.latestAtOrBefore(at("2026-11-26T21:30:00Z"), ZoneId.of("Europe/Berlin")))
        .contains(at("2026-11-26T21:00:00Z"));
    assertThat(daily.nextAfter(at("2026-11-26T21:30:00Z"), ZoneId.of("America/New_York")))
        .contains(at("2026-11-27T03:00:00Z"));
  }

  @Test
  void dayOfMonthAndDayOfWeekMatchEitherAsInCron() {
    // Friday the 13th in cron means: every 13th and every Friday.
    CronSchedule schedule = CronSchedule.parse("0 0 13 * 5");

    assertThat(schedule.nextAfter(at("2026-11-26T12:00:00Z"), UTC))
        .contains(at("2026-11-27T00:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource({
    "@hourly, 2026-11-26T22:00:00Z",
    "@daily, 2026-11-26T00:00:00Z",
    "@midnight, 2026-11-26T00:00:00Z",
    "@weekly, 2026-11-22T00:00:00Z",
    "@monthly, 2026-11-01T00:00:00Z",
    "@yearly, 2026-01-01T00:00:00Z",
    "@annually, 2026-01-01T00:00:00Z",
    "@DAILY, 2026-11-26T00:00:00Z"
  })
  void expandsArgoDescriptors(String descriptor, String latest) {
    assertThat(CronSchedule.parse(descriptor).latestAtOrBefore(at("2026-11-26T22:30:00Z"), UTC))
        .contains(at(latest));
  }

  @Test
  void acceptsNamesStepsRangesAndSundayAsSeven() {
    assertThat(CronSchedule.parse("0 22 * * MON-FRI").nextAfter(at("2026-11-27T23:00:00Z"), UTC))
        .contains(at("2026-11-30T22:00:00Z"));
    assertThat(CronSchedule.parse("*/15 * * * *").nextAfter(at("2026-11-26T22:01:00Z"), UTC))
        .contains(at("2026-11-26T22:15:00Z"));
    assertThat(CronSchedule.parse("0 0 * * 7").nextAfter(at("2026-11-26T22:00:00Z"), UTC))
        .contains(at("2026-11-29T00:00:00Z"));
  }

  @Test
  void aLeapDayScheduleStillFires() {
    assertThat(CronSchedule.parse("0 0 29 2 *").nextAfter(at("2026-11-26T22:00:00Z"), UTC))
        .contains(at("2028-02-29T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "61 * * * *",
        "*/0 * * * *",
        "5-1 * * * *",
        "0 22 * * 8",
        "0 22 * * * *",
        "0 22 * *",
        "0 0 L * *",
        "0 0 ? * *",
        "every day"
      })
  void rejectsWhatIsNotAFiveFieldSchedule(String expression) {
    assertThatThrownBy(() -> CronSchedule.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid cron schedule '" + expression + "': ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 30 2 *", "0 22 31 4 *"})
  void rejectsSchedulesThatNeverFire(String expression) {
    assertThatThrownBy(() -> CronSchedule.parse(expression))
        .hasMessage("cron schedule '" + expression + "' never fires");
  }

  @ParameterizedTest
  @ValueSource(strings = {"@every 1h", "@reboot", "@fortnightly"})
  void rejectsDescriptorsThatAreNotWallClockSchedules(String expression) {
    assertThatThrownBy(() -> CronSchedule.parse(expression))
        .hasMessage(
            "'"
                + expression
                + "' is not supported; use 5 cron fields or one of"
                + " @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly");
  }

  @Test
  void rejectsAMissingSchedule() {
    assertThatThrownBy(() -> CronSchedule.parse(null))
        .hasMessage("required, a 5-field cron schedule such as '0 22 * * *'");
    assertThatThrownBy(() -> CronSchedule.parse("  ")).hasMessageStartingWith("required");
  }
}
