package dev.keelson.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.schedule.SyncWindowSpec.Kind;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyncWindowSpecTest {

  @Test
  void readsTheFieldsAsWritten() {
    SyncWindowSpec spec =
        SyncWindowSpec.of(0, "deny", " 0 22 * * * ", "1h30m", "Europe/Berlin", true);

    assertThat(spec)
        .isEqualTo(
            new SyncWindowSpec(
                Kind.deny, "0 22 * * *", Duration.ofMinutes(90), ZoneId.of("Europe/Berlin"), true));
  }

  @Test
  void timeZoneDefaultsToUtcAndManualSyncToFalse() {
    SyncWindowSpec spec = SyncWindowSpec.of(0, "allow", "0 8 * * *", "10h", null, null);

    assertThat(spec.timeZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(spec.manualSync()).isFalse();
    assertThat(SyncWindowSpec.of(0, "allow", "0 8 * * *", "10h", " ", false).timeZone())
        .isEqualTo(ZoneId.of("UTC"));
  }

  @ParameterizedTest
  @CsvSource({"allow, allow", "ALLOW, allow", "Deny, deny", "' deny ', deny"})
  void kindIsCaseInsensitive(String written, Kind kind) {
    assertThat(SyncWindowSpec.of(0, written, "0 8 * * *", "1h", null, null).kind()).isEqualTo(kind);
  }

  @Test
  void acceptsArgoDescriptors() {
    assertThat(SyncWindowSpec.of(0, "deny", "@daily", "1h", null, null).schedule())
        .isEqualTo("@daily");
  }

  @Test
  void describesTheWindowForMessages() {
    assertThat(SyncWindowSpec.of(0, "deny", "0 22 * * *", "60m", null, null).describe())
        .isEqualTo("deny window '0 22 * * *' (1h, UTC)");
    assertThat(
            SyncWindowSpec.of(0, "allow", "30 8 * * 1-5", "9h30m", "Europe/Berlin", null)
                .describe())
        .isEqualTo("allow window '30 8 * * 1-5' (9h30m, Europe/Berlin)");
  }

  @Test
  void errorsNameTheFieldWithItsIndex() {
    assertThatThrownBy(() -> SyncWindowSpec.of(1, null, "0 22 * * *", "1h", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("syncPolicy.windows[1].kind: required, allow or deny");
    assertThatThrownBy(() -> SyncWindowSpec.of(1, "block", "0 22 * * *", "1h", null, null))
        .hasMessage("syncPolicy.windows[1].kind: 'block' is not allow or deny");
    assertThatThrownBy(() -> SyncWindowSpec.of(2, "deny", "0 25 * * *", "1h", null, null))
        .hasMessageStartingWith(
            "syncPolicy.windows[2].schedule: invalid cron schedule '0 25 * * *': ");
    assertThatThrownBy(() -> SyncWindowSpec.of(3, "deny", "0 22 * * *", "1d", null, null))
        .hasMessage(
            "syncPolicy.windows[3].duration: invalid duration '1d': unknown unit 'd' (use ns, us,"
                + " ms, s, m or h)");
    assertThatThrownBy(() -> SyncWindowSpec.of(4, "deny", "0 22 * * *", "1h", "Mars/Olympus", null))
        .hasMessage(
            "syncPolicy.windows[4].timeZone: unknown time zone 'Mars/Olympus' (use an IANA name"
                + " such as Europe/Berlin)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 22 * * * *", "61 * * * *", "@every 1h", "@reboot", "0 0 30 2 *", ""})
  void rejectsBadSchedules(String schedule) {
    assertThatThrownBy(() -> SyncWindowSpec.of(0, "deny", schedule, "1h", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("syncPolicy.windows[0].schedule: ");
  }

  @Test
  void rejectsAMissingSchedule() {
    assertThatThrownBy(() -> SyncWindowSpec.of(0, "deny", null, "1h", null, null))
        .hasMessage(
            "syncPolicy.windows[0].schedule: required, a 5-field cron schedule such as '0 22 * *"
                + " *'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      nullValues = "NULL",
      value = {
        "NULL | required, such as 1h or 30m",
        "\"\" | required, such as 1h or 30m",
        "0    | must be positive, got '0'",
        "0s   | must be positive, got '0s'",
        "-1h  | must be positive, got '-1h'",
        "60   | invalid duration '60': missing unit after 60 (use ns, us, ms, s, m or h)"
      })
  void rejectsDurationsThatAreMissingOrNotPositive(String duration, String message) {
    assertThatThrownBy(() -> SyncWindowSpec.of(0, "deny", "0 22 * * *", duration, null, null))
        .hasMessage("syncPolicy.windows[0].duration: " + message);
  }

  @Test
  void theConstructorKeepsSpecsValid() {
    ZoneId utc = ZoneId.of("UTC");
    assertThatThrownBy(() -> new SyncWindowSpec(Kind.deny, "0 22 * * *", Duration.ZERO, utc, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration must be positive, got 0s");
    assertThatThrownBy(
            () -> new SyncWindowSpec(Kind.deny, "0 22 * *", Duration.ofHours(1), utc, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SyncWindowSpec(null, "0 22 * * *", Duration.ofHours(1), utc, false))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> new SyncWindowSpec(Kind.deny, "0 22 * * *", Duration.ofHours(1), null, false))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void kindParseReturnsNullForUnknownNames() {
    assertThat(Kind.parse("maybe")).isNull();
    assertThat(Kind.parse(null)).isNull();
    assertThat(Kind.parse("DENY")).isEqualTo(Kind.deny);
  }
}
