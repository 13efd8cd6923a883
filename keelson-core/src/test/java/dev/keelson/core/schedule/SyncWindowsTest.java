package dev.keelson.core.schedule;

import static dev.keelson.core.schedule.Windows.allow;
import static dev.keelson.core.schedule.Windows.at;
import static dev.keelson.core.schedule.Windows.deny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.schedule.SyncWindows.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Automated syncs; manual syncs and time zones have their own tests. */
class SyncWindowsTest {

  private static final boolean AUTOMATED = false;

  @Test
  void withoutWindowsEverySyncIsAllowedForEver() {
    Verdict expected = new Verdict(true, "no sync windows", null);

    assertThat(SyncWindows.NONE.evaluate(at("2026-11-26T22:30:00Z"), AUTOMATED))
        .isEqualTo(expected);
    assertThat(SyncWindows.NONE.evaluate(at("2026-11-26T22:30:00Z"), true)).isEqualTo(expected);
    assertThat(SyncWindows.of(List.of())).isSameAs(SyncWindows.NONE);
    assertThat(SyncWindows.NONE.isEmpty()).isTrue();
  }

  @Test
  void anActiveDenyWindowBlocksUntilItEnds() {
    SyncWindows windows = SyncWindows.of(deny("0 22 * * *", "1h"));

    assertThat(windows.evaluate(at("2026-11-26T22:30:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                false,
                "blocked by deny window '0 22 * * *' (1h, UTC) until 2026-11-26T23:00:00Z",
                at("2026-11-26T23:00:00Z")));
  }

  @Test
  void anInactiveDenyWindowAllowsUntilItOpens() {
    SyncWindows windows = SyncWindows.of(deny("0 22 * * *", "1h"));

    assertThat(windows.evaluate(at("2026-11-26T21:00:00Z"), AUTOMATED))
        .isEqualTo(new Verdict(true, "no deny window active", at("2026-11-26T22:00:00Z")));
  }

  @Test
  void aWindowIncludesItsStartAndExcludesItsEnd() {
    SyncWindows windows = SyncWindows.of(deny("0 22 * * *", "1h"));

    assertThat(windows.evaluate(at("2026-11-26T21:59:59.999Z"), AUTOMATED).allowed()).isTrue();
    assertThat(windows.evaluate(at("2026-11-26T22:00:00Z"), AUTOMATED).allowed()).isFalse();
    assertThat(windows.evaluate(at("2026-11-26T22:59:59.999Z"), AUTOMATED).allowed()).isFalse();
    assertThat(windows.evaluate(at("2026-11-26T23:00:00Z"), AUTOMATED))
        .isEqualTo(new Verdict(true, "no deny window active", at("2026-11-27T22:00:00Z")));
  }

  @Test
  void insideAnAllowWindowSyncsAreAllowedUntilItCloses() {
    SyncWindows windows = SyncWindows.of(allow("0 8 * * *", "10h"));

    assertThat(windows.evaluate(at("2026-11-26T12:00:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                true, "inside allow window '0 8 * * *' (10h, UTC)", at("2026-11-26T18:00:00Z")));
  }

  @Test
  void outsideEveryAllowWindowSyncsAreBlockedUntilOneOpens() {
    SyncWindows windows = SyncWindows.of(allow("0 8 * * *", "10h"));

    assertThat(windows.evaluate(at("2026-11-26T18:00:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                false,
                "outside every allow window; next opens at 2026-11-27T08:00:00Z"
                    + " (allow window '0 8 * * *' (10h, UTC))",
                at("2026-11-27T08:00:00Z")));
  }

  @Test
  void theNextOpeningIsTheEarliestOfAllAllowWindows() {
    // Saturday 2026-11-28: the weekday window opens on Monday, the Sunday window earlier.
    SyncWindows windows = SyncWindows.of(allow("0 8 * * 1-5", "10h"), allow("0 10 * * 0", "2h"));

    Verdict verdict = windows.evaluate(at("2026-11-28T12:00:00Z"), AUTOMATED);

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.nextChange()).isEqualTo(at("2026-11-29T10:00:00Z"));
    assertThat(verdict.message())
        .isEqualTo(
            "outside every allow window; next opens at 2026-11-29T10:00:00Z"
                + " (allow window '0 10 * * 0' (2h, UTC))");
  }

  @Test
  void overlappingAllowWindowsAllowUntilTheLastOfThemCloses() {
    SyncWindows windows = SyncWindows.of(allow("0 8 * * *", "4h"), allow("0 11 * * *", "4h"));

    assertThat(windows.evaluate(at("2026-11-26T09:00:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                true, "inside allow window '0 8 * * *' (4h, UTC)", at("2026-11-26T15:00:00Z")));
    assertThat(windows.evaluate(at("2026-11-26T11:30:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                true,
                "inside allow window '0 8 * * *' (4h, UTC) and allow window '0 11 * * *' (4h, UTC)",
                at("2026-11-26T15:00:00Z")));
  }

  @Test
  void anAllowWindowOpeningAsAnotherClosesContinuesTheStretch() {
    SyncWindows windows = SyncWindows.of(allow("0 8 * * *", "4h"), allow("0 12 * * *", "4h"));

    assertThat(windows.evaluate(at("2026-11-26T09:00:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-26T16:00:00Z"));
    assertThat(windows.evaluate(at("2026-11-26T12:00:00Z"), AUTOMATED).message())
        .isEqualTo("inside allow window '0 12 * * *' (4h, UTC)");
  }

  @Test
  void aDenyWindowInsideAnAllowWindowWins() {
    SyncWindows windows = SyncWindows.of(allow("0 8 * * *", "10h"), deny("0 12 * * *", "1h"));

    // Allowed, but only until the deny window opens, which is before the allow window closes.
    assertThat(windows.evaluate(at("2026-11-26T11:00:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                true, "inside allow window '0 8 * * *' (10h, UTC)", at("2026-11-26T12:00:00Z")));
    assertThat(windows.evaluate(at("2026-11-26T12:30:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                false,
                "blocked by deny window '0 12 * * *' (1h, UTC) until 2026-11-26T13:00:00Z",
                at("2026-11-26T13:00:00Z")));
    assertThat(windows.evaluate(at("2026-11-26T13:00:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                true, "inside allow window '0 8 * * *' (10h, UTC)", at("2026-11-26T18:00:00Z")));
  }

  @Test
  void anActiveDenyWindowIsReportedRatherThanBeingOutsideAllowWindows() {
    SyncWindows windows = SyncWindows.of(allow("0 8 * * *", "10h"), deny("0 20 * * *", "1h"));

    assertThat(windows.evaluate(at("2026-11-26T20:30:00Z"), AUTOMATED).message())
        .isEqualTo("blocked by deny window '0 20 * * *' (1h, UTC) until 2026-11-26T21:00:00Z");
  }

  @Test
  void overlappingDenyWindowsAreAllNamedAndBlockUntilTheLastEnds() {
    SyncWindows windows = SyncWindows.of(deny("0 22 * * *", "1h"), deny("30 22 * * *", "1h"));

    assertThat(windows.evaluate(at("2026-11-26T22:45:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                false,
                "blocked by deny window '0 22 * * *' (1h, UTC) and deny window '30 22 * * *' (1h,"
                    + " UTC) until 2026-11-26T23:30:00Z",
                at("2026-11-26T23:30:00Z")));
  }

  @Test
  void denyWindowsThatFollowEachOtherBlockUntilTheChainEnds() {
    SyncWindows windows = SyncWindows.of(deny("0 22 * * *", "1h"), deny("0 23 * * *", "1h"));

    assertThat(windows.evaluate(at("2026-11-26T22:15:00Z"), AUTOMATED))
        .isEqualTo(
            new Verdict(
                false,
                "blocked by deny window '0 22 * * *' (1h, UTC) until 2026-11-27T00:00:00Z",
                at("2026-11-27T00:00:00Z")));
  }

  @Test
  void openingsOfOneWindowMayOverlapWhenItsDurationIsLongerThanItsPeriod() {
    // Opens at 00:00 and 01:00 for 90 minutes each: active from 00:00 to 02:30.
    SyncWindows windows = SyncWindows.of(deny("0 0,1 * * *", "90m"));

    assertThat(windows.evaluate(at("2026-11-26T00:15:00Z"), AUTOMATED).message())
        .isEqualTo("blocked by deny window '0 0,1 * * *' (1h30m, UTC) until 2026-11-26T02:30:00Z");
    assertThat(windows.evaluate(at("2026-11-26T01:45:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-26T02:30:00Z"));
    assertThat(windows.evaluate(at("2026-11-26T02:30:00Z"), AUTOMATED).allowed()).isTrue();
  }

  @Test
  void aWeeklyWindowLongerThanADayStaysActiveAcrossMidnight() {
    // Monday 2026-11-23 00:00 for 48 hours.
    SyncWindows windows = SyncWindows.of(deny("0 0 * * 1", "48h"));

    assertThat(windows.evaluate(at("2026-11-24T10:00:00Z"), AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-25T00:00:00Z"));
    assertThat(windows.evaluate(at("2026-11-25T00:00:00Z"), AUTOMATED))
        .isEqualTo(new Verdict(true, "no deny window active", at("2026-11-30T00:00:00Z")));
  }

  @Test
  void aDenyWindowThatNeverClosesIsFollowedOnlySoFar() {
    // Opens every hour for 90 minutes: always active. The verdict says how far it looked.
    SyncWindows windows = SyncWindows.of(deny("0 * * * *", "90m"));

    Verdict verdict = windows.evaluate(at("2026-11-26T10:15:00Z"), AUTOMATED);

    Instant lookedUntil =
        at("2026-11-26T11:30:00Z").plus(Duration.ofHours(SyncWindows.MAX_CHAINED_OPENINGS - 1));
    assertThat(verdict)
        .isEqualTo(
            new Verdict(
                false,
                "blocked by deny window '0 * * * *' (1h30m, UTC) until at least " + lookedUntil,
                lookedUntil));
  }

  @Test
  void anAllowWindowThatNeverClosesAsksForALookLater() {
    SyncWindows windows = SyncWindows.of(allow("0 0 * * *", "36h"));

    Verdict verdict = windows.evaluate(at("2026-11-26T10:00:00Z"), AUTOMATED);

    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.message()).isEqualTo("inside allow window '0 0 * * *' (36h, UTC)");
    assertThat(verdict.nextChange())
        .isEqualTo(
            at("2026-11-26T12:00:00Z").plus(Duration.ofDays(SyncWindows.MAX_CHAINED_OPENINGS)));
  }

  @Test
  void windowsAreValuesOfTheirSpecs() {
    List<SyncWindowSpec> specs = List.of(deny("0 22 * * *", "1h"), allow("0 8 * * *", "10h"));

    assertThat(SyncWindows.of(specs)).isEqualTo(SyncWindows.of(specs.get(0), specs.get(1)));
    assertThat(SyncWindows.of(specs).hashCode()).isEqualTo(SyncWindows.of(specs).hashCode());
    assertThat(SyncWindows.of(specs).specs()).isEqualTo(specs);
    assertThat(SyncWindows.of(specs).isEmpty()).isFalse();
    assertThat(SyncWindows.of(specs)).isNotEqualTo(SyncWindows.of(specs.get(0)));
  }
}
