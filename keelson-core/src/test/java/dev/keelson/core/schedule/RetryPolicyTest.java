package dev.keelson.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  @Test
  void missingFieldsTakeArgoCdDefaults() {
    assertThat(RetryPolicy.of(null, null, null, null))
        .isEqualTo(RetryPolicy.DEFAULTS)
        .isEqualTo(new RetryPolicy(0, Duration.ofSeconds(5), 2, Duration.ofMinutes(3)));
    assertThat(RetryPolicy.of(null, "", null, " ")).isEqualTo(RetryPolicy.DEFAULTS);
  }

  @Test
  void readsTheFieldsAsWritten() {
    assertThat(RetryPolicy.of(5L, "10s", 3L, "30m"))
        .isEqualTo(new RetryPolicy(5, Duration.ofSeconds(10), 3, Duration.ofMinutes(30)));
  }

  @Test
  void aBareNumberIsSecondsAsInArgoCd() {
    assertThat(RetryPolicy.of(1L, "10", null, "600"))
        .isEqualTo(new RetryPolicy(1, Duration.ofSeconds(10), 2, Duration.ofMinutes(10)));
  }

  @Test
  void delaysGrowByTheFactorUpToTheCap() {
    RetryPolicy policy = RetryPolicy.DEFAULTS;

    assertThat(IntStream.rangeClosed(1, 8).mapToObj(policy::delayBefore))
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(80),
            Duration.ofSeconds(160),
            Duration.ofMinutes(3),
            Duration.ofMinutes(3));
  }

  @Test
  void aDelayExactlyAtTheCapStaysThere() {
    RetryPolicy policy = RetryPolicy.of(null, "5s", 2L, "20s");

    assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void factorOneKeepsTheDelayConstant() {
    RetryPolicy policy = RetryPolicy.of(null, "30s", 1L, null);

    assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayBefore(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theCapAppliesToTheFirstDelayToo() {
    // Argo CD caps every delay, so a first delay longer than maxDuration is cut down.
    RetryPolicy policy = RetryPolicy.of(null, "5m", null, null);

    assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofMinutes(3));
    assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofMinutes(3));
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 1_000, Integer.MAX_VALUE})
  void largeRetryNumbersDoNotOverflow(int retry) {
    assertThat(RetryPolicy.DEFAULTS.delayBefore(retry)).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void hugeFactorsAndDurationsDoNotOverflow() {
    Duration longest = Duration.ofHours(2_562_047); // about Go's longest duration
    RetryPolicy policy = new RetryPolicy(-1, Duration.ofHours(1_000_000), Long.MAX_VALUE, longest);

    assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofHours(1_000_000));
    assertThat(policy.delayBefore(2)).isEqualTo(longest);
    assertThat(policy.delayBefore(Integer.MAX_VALUE)).isEqualTo(longest);
    assertThat(new RetryPolicy(-1, Duration.ofNanos(1), 3, longest).delayBefore(Integer.MAX_VALUE))
        .isEqualTo(longest);
  }

  @Test
  void retriesAreNumberedFromOne() {
    assertThatThrownBy(() -> RetryPolicy.DEFAULTS.delayBefore(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retries are numbered from 1, got 0");
  }

  @Test
  void limitZeroAllowsNoRetry() {
    assertThat(RetryPolicy.DEFAULTS.allows(0)).isFalse();
  }

  @Test
  void aPositiveLimitAllowsThatManyRetries() {
    RetryPolicy policy = RetryPolicy.of(3L, null, null, null);

    assertThat(policy.allows(0)).isTrue();
    assertThat(policy.allows(2)).isTrue();
    assertThat(policy.allows(3)).isFalse();
    assertThat(policy.allows(4)).isFalse();
  }

  @Test
  void aNegativeLimitAllowsRetriesForEver() {
    RetryPolicy policy = RetryPolicy.of(-1L, null, null, null);

    assertThat(policy.allows(0)).isTrue();
    assertThat(policy.allows(Integer.MAX_VALUE)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1d   | syncPolicy.retry.backoff.duration: invalid duration '1d': unknown unit 'd' (use ns,"
            + " us, ms, s, m or h)",
        "5x   | syncPolicy.retry.backoff.duration: invalid duration '5x': unknown unit 'x' (use ns,"
            + " us, ms, s, m or h)",
        "0    | syncPolicy.retry.backoff.duration: must be positive, got 0s",
        "0s   | syncPolicy.retry.backoff.duration: must be positive, got 0s",
        "-5s  | syncPolicy.retry.backoff.duration: must be positive, got -5s",
        "99999999999999999999 | syncPolicy.retry.backoff.duration: invalid duration"
            + " '99999999999999999999': out of range"
      })
  void rejectsBadDurations(String duration, String message) {
    assertThatThrownBy(() -> RetryPolicy.of(1L, duration, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsABadMaxDuration() {
    assertThatThrownBy(() -> RetryPolicy.of(1L, null, null, "soon"))
        .hasMessage(
            "syncPolicy.retry.backoff.maxDuration: invalid duration 'soon': expected a number at"
                + " position 1");
    assertThatThrownBy(() -> RetryPolicy.of(1L, null, null, "0s"))
        .hasMessage("syncPolicy.retry.backoff.maxDuration: must be positive, got 0s");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -2})
  void rejectsAFactorBelowOne(long factor) {
    assertThatThrownBy(() -> RetryPolicy.of(1L, null, factor, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("syncPolicy.retry.backoff.factor: must be at least 1, got " + factor);
  }

  @Test
  void theConstructorKeepsPoliciesValid() {
    assertThatThrownBy(() -> new RetryPolicy(1, null, 2, Duration.ofMinutes(3)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("syncPolicy.retry.backoff.duration");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(5), 2, Duration.ofSeconds(-1)))
        .hasMessage("syncPolicy.retry.backoff.maxDuration: must be positive, got -1s");
  }
}
