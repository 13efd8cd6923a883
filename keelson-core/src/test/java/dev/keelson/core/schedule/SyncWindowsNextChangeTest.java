package dev.keelson.core.schedule;

import static dev.keelson.core.schedule.Windows.allow;
import static dev.keelson.core.schedule.Windows.at;
import static dev.keelson.core.schedule.Windows.deny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.schedule.SyncWindows.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The controller looks again only at nextChange, so the verdict must stay the same until then.
 * Walks eight days of mixed windows in half-hour steps (every boundary here is on such a step) and
 * checks that promise, and that each look it takes is one the promise asked for.
 */
class SyncWindowsNextChangeTest {

  private static final Duration STEP = Duration.ofMinutes(30);

  private static final SyncWindows MIXED =
      SyncWindows.of(
          allow("0 8 * * 1-5", "10h", "Europe/Berlin", false),
          allow("0 20 * * *", "30m", null, true),
          deny("0 12 * * *", "1h", null, true),
          deny("30 12 * * 3", "2h", "Europe/Berlin", false),
          deny("0 0 * * 6", "30h", null, false));

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theVerdictHoldsUntilNextChange(boolean manual) {
    Instant start = at("2026-11-23T00:00:00Z");
    Instant end = start.plus(Duration.ofDays(8));
    Verdict promise = MIXED.evaluate(start, manual);
    int looks = 1;
    int changes = 0;
    for (Instant t = start.plus(STEP); t.isBefore(end); t = t.plus(STEP)) {
      Verdict now = MIXED.evaluate(t, manual);
      if (promise.nextChange() == null || t.isBefore(promise.nextChange())) {
        assertThat(now.allowed())
            .as("at %s, promised by %s", t, promise)
            .isEqualTo(promise.allowed());
        continue;
      }
      assertThat(promise.nextChange()).as("a look is due at %s", t).isEqualTo(t);
      if (now.allowed() != promise.allowed()) {
        changes++;
      }
      assertThat(now.nextChange()).as("at %s", t).isAfter(t);
      promise = now;
      looks++;
    }
    // The walk sees the verdict flip (blocked on Wednesday afternoon and over the weekend even for
    // manual syncs), and nearly every look the promise asks for finds a change.
    assertThat(changes).isGreaterThanOrEqualTo(4);
    assertThat(looks).isLessThanOrEqualTo(changes + 5);
  }
}
