package dev.keelson.core.health;

import static dev.keelson.core.health.HealthStatus.Degraded;
import static dev.keelson.core.health.HealthStatus.Healthy;
import static dev.keelson.core.health.HealthStatus.Missing;
import static dev.keelson.core.health.HealthStatus.Progressing;
import static dev.keelson.core.health.HealthStatus.Suspended;
import static dev.keelson.core.health.HealthStatus.Unknown;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthStatusTest {

  @Test
  void ordersLikeArgoCd() {
    assertThat(HealthStatus.values())
        .containsExactly(Healthy, Suspended, Progressing, Missing, Degraded, Unknown);
    assertThat(Suspended.isWorseThan(Healthy)).isTrue();
    assertThat(Progressing.isWorseThan(Suspended)).isTrue();
    assertThat(Missing.isWorseThan(Progressing)).isTrue();
    assertThat(Degraded.isWorseThan(Missing)).isTrue();
    assertThat(Unknown.isWorseThan(Degraded)).isTrue();
    assertThat(Healthy.isWorseThan(Healthy)).isFalse();
    assertThat(Healthy.isWorseThan(Degraded)).isFalse();
  }

  @Test
  void worstPicksTheWorse() {
    assertThat(Healthy.worst(Progressing)).isEqualTo(Progressing);
    assertThat(Degraded.worst(Missing)).isEqualTo(Degraded);
    assertThat(Suspended.worst(null)).isEqualTo(Suspended);
  }

  @Test
  void aggregateIsTheWorstAndHealthyWhenEmpty() {
    assertThat(HealthAssessor.aggregate(List.of())).isEqualTo(Healthy);
    assertThat(HealthAssessor.aggregate(List.of(Healthy, Suspended, Healthy))).isEqualTo(Suspended);
    assertThat(HealthAssessor.aggregate(List.of(Progressing, Degraded, Missing))).isEqualTo(Degraded);
    assertThat(HealthAssessor.aggregate(List.of(Healthy, Unknown, Degraded))).isEqualTo(Unknown);
  }

  @Test
  void healthRecordNormalisesMessage() {
    assertThat(new Health(Healthy, null).message()).isEmpty();
    assertThat(Health.progressing("waiting")).hasToString("Progressing: waiting");
    assertThat(Health.healthy()).hasToString("Healthy");
  }
}
