package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void upstreamsFlagSyntax() {
    assertThat(GoDuration.parse("720h")).isEqualTo(Duration.ofDays(30));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("4s")).isEqualTo(Duration.ofSeconds(4));
    assertThat(GoDuration.parse("0")).isZero();
    assertThat(GoDuration.parse("P30D")).isEqualTo(Duration.ofDays(30));
    assertThatThrownBy(() -> GoDuration.parse("30d")).hasMessageContaining("not a duration");
  }
}
