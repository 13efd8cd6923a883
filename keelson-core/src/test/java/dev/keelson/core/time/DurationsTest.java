package dev.keelson.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "30s, PT30S",
    "3m, PT3M",
    "1h, PT1H",
    "1h30m, PT1H30M",
    "500ms, PT0.5S",
    "2h45m10s, PT2H45M10S",
    "1.5h, PT1H30M",
    "0, PT0S",
    "0s, PT0S",
    "-5m, PT-5M",
    "+10s, PT10S",
    "100us, PT0.0001S",
    "100µs, PT0.0001S",
    "42ns, PT0.000000042S",
    "1m0.5s, PT1M0.5S",
    "90m, PT1H30M",
    "48h, PT48H"
  })
  void parsesGoDurations(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "5", "1d", "h", "1.2.3s", "m5", "1h x", "--1s", "abc", "-"})
  void rejectsInvalidInput(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid duration");
  }

  @Test
  void errorMessageNamesTheInputAndTheProblem() {
    assertThatThrownBy(() -> Durations.parse("10d"))
        .hasMessage("invalid duration '10d': unknown unit 'd' (use ns, us, ms, s, m or h)");
    assertThatThrownBy(() -> Durations.parse("10"))
        .hasMessage("invalid duration '10': missing unit after 10 (use ns, us, ms, s, m or h)");
    assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0s",
    "PT3M, 3m0s",
    "PT1H30M, 1h30m0s",
    "PT30S, 30s",
    "PT1.5S, 1.5s",
    "PT0.5S, 500ms",
    "PT0.0000015S, 1.5µs",
    "PT0.000000042S, 42ns",
    "PT2H45M10S, 2h45m10s",
    "PT-5M, -5m0s",
    "PT49H, 49h0m0s"
  })
  void formatsLikeGo(String iso, String expected) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0s",
    "PT3M, 3m",
    "PT1H30M, 1h30m",
    "PT1H, 1h",
    "PT1H0M5S, 1h5s",
    "PT0.5S, 500ms",
    "PT1M30.25S, 1m30.25s"
  })
  void formatsCompactly(String iso, String expected) {
    assertThat(Durations.formatCompact(Duration.parse(iso))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1h30m0s", "3m0s", "500ms", "1.5s", "2h45m10s", "42ns", "-1m0s"})
  void formatRoundTrips(String text) {
    assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    assertThat(Durations.parse(Durations.formatCompact(Durations.parse(text))))
        .isEqualTo(Durations.parse(text));
  }
}
