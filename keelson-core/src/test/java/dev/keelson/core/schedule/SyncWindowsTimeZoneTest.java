package dev.keelson.core.schedule;

import static dev.keelson.core.schedule.Windows.allow;
import static dev.keelson.core.schedule.Windows.at;
import static dev.keelson.core.schedule.Windows.deny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.schedule.SyncWindows.Verdict;
import org.junit.jupiter.api.Test;

/** Schedules are read on the local clock of the window's zone; durations are elapsed time. */
class SyncWindowsTimeZoneTest {

  private static final boolean AUTOMATED = false;

  @Test
  void aBerlinWindowInWinterIsOneHourAheadOfUtc() {
    SyncWindows windows = SyncWindows.of(deny("0 22 * * *", "1h", "Europe/Berlin", false));

    assertThat(windows.evaluate(at("2026-11-26T21:30:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                false,
                "blocked by deny window '0 22 * * *' (1h, Europe/Berlin) until"
                    + " 2026-11-26T22:00:00Z",
                at("2026-11-26T22:00:00Z")));
    assertThat(windows.evaluate(at("2026-11-26T20:30:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-26T21:00:00Z"));
  }

  @Test
  void aBerlinWindowInSummerIsTwoHoursAheadOfUtc() {
    SyncWindows windows = SyncWindows.of(deny("0 22 * * *", "1h", "Europe/Berlin", false));

    assertThat(windows.evaluate(at("2026-07-15T20:30:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-07-15T21:00:00Z"));
    assertThat(windows.evaluate(at("2026-07-15T21:30:00Z"), AUTOMATED).allowed()).isTrue();
  }

  @Test
  void officeHoursInNewYork() {
    SyncWindows windows = SyncWindows.of(allow("0 9 * * 1-5", "8h", "America/New_York", false));

    // Thursday 10:00 EST.
    assertThat(windows.evaluate(at("2026-11-26T15:00:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                true,
                "inside allow window '0 9 * * 1-5' (8h, America/New_York)",
                at("2026-11-26T22:00:00Z")));
    // Friday 18:00 EST: next opening is Monday 09:00 EST.
    assertThat(windows.evaluate(at("2026-11-27T23:00:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-30T14:00:00Z"));
  }

  @Test
  void zonesWithHalfHourOffsets() {
    SyncWindows windows = SyncWindows.of(allow("0 9 * * *", "1h", "Asia/Kolkata", false));

    assertThat(windows.evaluate(at("2026-11-26T03:45:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-26T04:30:00Z"));
    assertThat(windows.evaluate(at("2026-11-26T03:15:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-26T03:30:00Z"));
  }

  @Test
  void theDurationIsElapsedTimeAcrossTheSpringClockChange() {
    // 2026-03-29 in Berlin: 02:00 CET becomes 03:00 CEST (01:00Z). The window opens at 01:00 CET
    // (00:00Z) and closes three real hours later, at 05:00 CEST (03:00Z).
    SyncWindows windows = SyncWindows.of(allow("0 1 * * *", "3h", "Europe/Berlin", false));

    assertThat(windows.evaluate(at("2026-03-29T02:30:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                true,
                "inside allow window '0 1 * * *' (3h, Europe/Berlin)",
                at("2026-03-29T03:00:00Z")));
  }

  @Test
  void aLocalTimeSkippedByTheSpringClockChangeDoesNotOpenThatDay() {
    SyncWindows windows = SyncWindows.of(deny("30 2 * * *", "1h", "Europe/Berlin", false));

    // 02:30 does not exist in Berlin on 2026-03-29; the next opening is 02:30 CEST the day after.
    assertThat(windows.evaluate(at("2026-03-28T03:00:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-03-30T00:30:00Z"));
    assertThat(windows.evaluate(at("2026-03-29T01:45:00Z"), AUTOMATED).allowed()).isTrue();
  }

  @Test
  void aLocalTimeRepeatedByTheAutumnClockChangeOpensTwice() {
    // 2026-10-25 in Berlin: 03:00 CEST becomes 02:00 CET (01:00Z), so 02:30 happens at 00:30Z
    // and again at 01:30Z.
    SyncWindows windows = SyncWindows.of(deny("30 2 * * *", "30m", "Europe/Berlin", false));

    assertThat(windows.evaluate(at("2026-10-25T00:45:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-10-25T01:00:00Z"));
    assertThat(windows.evaluate(at("2026-10-25T01:15:00Z"), AUTOMATED))
        .isEqualTo(new Verdict(true, "no deny window active", at("2026-10-25T01:30:00Z")));
    assertThat(windows.evaluate(at("2026-10-25T01:45:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                false,
                "blocked by deny window '30 2 * * *' (30m, Europe/Berlin) until"
                    + " 2026-10-25T02:00:00Z",
                at("2026-10-25T02:00:00Z")));
  }

  @Test
  void windowsInDifferentZonesCombine() {
    // Allowed 09:00-17:00 in Berlin, but not 12:00-13:00 in London (13:00-14:00 in Berlin).
    SyncWindows windows =
        SyncWindows.of(
            allow("0 9 * * *", "8h", "Europe/Berlin", false),
            deny("0 12 * * *", "1h", "Europe/London", false));

    assertThat(windows.evaluate(at("2026-11-26T11:00:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-26T12:00:00Z"));
    assertThat(windows.evaluate(at("2026-11-26T12:30:00Z"), AUTOMATED).message())
        .isEqualTo(
            "blocked by deny window '0 12 * * *' (1h, Europe/London) until 2026-11-26T13:00:00Z");
    assertThat(windows.evaluate(at("2026-11-26T13:00:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-26T16:00:00Z"));
  }
}
