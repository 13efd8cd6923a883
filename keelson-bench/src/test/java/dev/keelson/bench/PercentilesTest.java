package dev.keelson.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRank() {
    List<Double> v = List.of(15.0, 20.0, 35.0, 40.0, 50.0);
    assertThat(Percentiles.nearestRank(v, 5)).isEqualTo(15.0);
    assertThat(Percentiles.nearestRank(v, 30)).isEqualTo(20.0);
    assertThat(Percentiles.nearestRank(v, 40)).isEqualTo(20.0);
    assertThat(Percentiles.nearestRank(v, 50)).isEqualTo(35.0);
    assertThat(Percentiles.nearestRank(v, 99)).isEqualTo(50.0);
    assertThat(Percentiles.nearestRank(v, 100)).isEqualTo(50.0);
    assertThat(Percentiles.nearestRank(List.of(7.0), 99)).isEqualTo(7.0);
    assertThat(Percentiles.nearestRank(List.of(3.0, 1.0, 2.0), 50)).isEqualTo(2.0);
  }

  @Test
  void rejectsNothingToRank() {
    assertThatThrownBy(() -> Percentiles.nearestRank(List.of(), 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(List.of(1.0), 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
