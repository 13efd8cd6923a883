package dev.keelson.core.schedule;

import static dev.keelson.core.schedule.Windows.allow;
import static dev.keelson.core.schedule.Windows.at;
import static dev.keelson.core.schedule.Windows.deny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.schedule.SyncWindows.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Manual syncs: what manualSync on deny and on allow windows lets through. */
class SyncWindowsManualTest {

  private static final boolean MANUAL = true;
  private static final boolean AUTOMATED = false;

  private static final Instant AT_22_30 = at("2026-11-26T22:30:00Z");

  @Test
  void aManualSyncGoesWhereAnAutomatedOneGoes() {
    SyncWindows windows = SyncWindows.of(allow("0 8 * * *", "10h"), deny("0 22 * * *", "1h"));

    assertThat(windows.evaluate(at("2026-11-26T12:00:00Z"), MANUAL))
        .isEqualTo(windows.evaluate(at("2026-11-26T12:00:00Z"), AUTOMATED));
  }

  @Test
  void aDenyWindowWithManualSyncLetsManualSyncsThrough() {
    SyncWindows windows = SyncWindows.of(deny("0 22 * * *", "1h", null, true));

    assertThat(windows.evaluate(AT_22_30, AUTOMATED).allowed()).isFalse();
    // Nothing can block a manual sync here, so the verdict never changes.
    assertThat(windows.evaluate(AT_22_30, MANUAL))
        .isEqualTo(
            new Verdict(
                true,
                "deny window '0 22 * * *' (1h, UTC) active, manualSync lets manual syncs through",
                null));
  }

  @Test
  void aDenyWindowWithoutManualSyncBlocksManualSyncsToo() {
    SyncWindows windows = SyncWindows.of(deny("0 22 * * *", "1h"));

    assertThat(windows.evaluate(AT_22_30, MANUAL))
        .isEqualTo(
            new Verdict(
                false,
                "blocked by deny window '0 22 * * *' (1h, UTC) until 2026-11-26T23:00:00Z"
                    + " (manualSync is off)",
                at("2026-11-26T23:00:00Z")));
  }

  @Test
  void everyActiveDenyWindowMustHaveManualSync() {
    SyncWindows windows =
        SyncWindows.of(deny("0 22 * * *", "2h", null, true), deny("0 22 * * *", "1h", null, false));

    // Only the window without manualSync blocks a manual sync, and only until it ends.
    assertThat(windows.evaluate(AT_22_30, MANUAL))
        .isEqualTo(
            new Verdict(
                false,
                "blocked by deny window '0 22 * * *' (1h, UTC) until 2026-11-26T23:00:00Z"
                    + " (manualSync is off)",
                at("2026-11-26T23:00:00Z")));
    assertThat(windows.evaluate(AT_22_30, AUTOMATED).nextChange())
        .isEqualTo(at("2026-11-27T00:00:00Z"));
    assertThat(windows.evaluate(at("2026-11-26T23:30:00Z"), MANUAL).allowed()).isTrue();
  }

  @Test
  void anAllowWindowWithManualSyncLetsManualSyncsThroughOutsideAllowWindows() {
    SyncWindows windows = SyncWindows.of(allow("0 8 * * *", "10h", null, true));

    assertThat(windows.evaluate(AT_22_30, AUTOMATED).allowed()).isFalse();
    assertThat(windows.evaluate(AT_22_30, MANUAL))
        .isEqualTo(
            new Verdict(
                true,
                "outside every allow window, manualSync on allow window '0 8 * * *' (10h, UTC)"
                    + " lets manual syncs through",
                null));
  }

  @Test
  void oneAllowWindowWithManualSyncIsEnough() {
    SyncWindows windows =
        SyncWindows.of(
            allow("0 8 * * *", "2h", null, true), allow("0 14 * * *", "2h", null, false));

    assertThat(windows.evaluate(at("2026-11-26T12:00:00Z"), MANUAL).message())
        .isEqualTo(
            "outside every allow window, manualSync on allow window '0 8 * * *' (2h, UTC)"
                + " lets manual syncs through");
  }

  @Test
  void allowWindowsWithoutManualSyncBlockManualSyncsOutsideThem() {
    SyncWindows windows = SyncWindows.of(allow("0 8 * * *", "10h"));

    assertThat(windows.evaluate(AT_22_30, MANUAL))
        .isEqualTo(
            new Verdict(
                false,
                "outside every allow window; next opens at 2026-11-27T08:00:00Z"
                    + " (allow window '0 8 * * *' (10h, UTC)); no allow window has manualSync",
                at("2026-11-27T08:00:00Z")));
  }

  @Test
  void manualSyncOnADenyWindowDoesNotLiftTheAllowWindows() {
    // Stricter than Argo CD, which lets this manual sync through.
    SyncWindows windows =
        SyncWindows.of(allow("0 8 * * *", "10h"), deny("0 22 * * *", "1h", null, true));

    Verdict manual = windows.evaluate(AT_22_30, MANUAL);

    assertThat(manual.allowed()).isFalse();
    assertThat(manual.message())
        .startsWith("outside every allow window; next opens at 2026-11-27T08:00:00Z");
    assertThat(windows.evaluate(AT_22_30, AUTOMATED).message())
        .isEqualTo("blocked by deny window '0 22 * * *' (1h, UTC) until 2026-11-26T23:00:00Z");
  }

  @Test
  void manualSyncOnADenyWindowInsideAnAllowWindow() {
    SyncWindows windows =
        SyncWindows.of(allow("0 8 * * *", "10h"), deny("0 12 * * *", "1h", null, true));

    assertThat(windows.evaluate(at("2026-11-26T12:30:00Z"), MANUAL))
        .isEqualTo(
            new Verdict(
                true,
                "deny window '0 12 * * *' (1h, UTC) active, manualSync lets manual syncs through;"
                    + " inside allow window '0 8 * * *' (10h, UTC)",
                at("2026-11-26T18:00:00Z")));
  }

  @Test
  void manualSyncOnBothADenyAndAnAllowWindow() {
    SyncWindows windows =
        SyncWindows.of(allow("0 8 * * *", "10h", null, true), deny("0 22 * * *", "1h", null, true));

    assertThat(windows.evaluate(AT_22_30, MANUAL))
        .isEqualTo(
            new Verdict(
                true,
                "deny window '0 22 * * *' (1h, UTC) active, manualSync lets manual syncs through;"
                    + " outside every allow window, manualSync on allow window '0 8 * * *' (10h,"
                    + " UTC) lets manual syncs through",
                null));
  }

  @Test
  void aManualSyncIsAllowedUntilADenyWindowWithoutManualSyncOpens() {
    SyncWindows windows =
        SyncWindows.of(allow("0 8 * * *", "10h", null, true), deny("0 22 * * *", "1h"));

    Verdict verdict = windows.evaluate(at("2026-11-26T20:00:00Z"), MANUAL);

    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.nextChange()).isEqualTo(at("2026-11-26T22:00:00Z"));
  }
}
