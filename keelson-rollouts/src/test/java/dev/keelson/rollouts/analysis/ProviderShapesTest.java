package dev.keelson.rollouts.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes the prometheus provider hands to conditions, and the Job names the job provider makes. */
class ProviderShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aVectorIsTheListOfItsValuesAndAScalarANumber() throws Exception {
    var vector = JSON.readTree("""
        {"resultType":"vector","result":[{"metric":{"code":"500"},"value":[1700000000.1,"0.42"]},
          {"metric":{"code":"503"},"value":[1700000000.1,"0.5"]}]}""");
    assertThat(PrometheusProvider.result(vector)).isEqualTo(List.of(0.42, 0.5));
    var empty = JSON.readTree("{\"resultType\":\"vector\",\"result\":[]}");
    assertThat(PrometheusProvider.result(empty)).isEqualTo(List.of());
    var scalar = JSON.readTree("{\"resultType\":\"scalar\",\"result\":[1700000000.1,\"3\"]}");
    assertThat(PrometheusProvider.result(scalar)).isEqualTo(3.0);
  }

  @Test
  void aMatrixIsRefused() throws Exception {
    var matrix = JSON.readTree("{\"resultType\":\"matrix\",\"result\":[]}");
    assertThatThrownBy(() -> PrometheusProvider.result(matrix)).isInstanceOf(IOException.class)
        .hasMessageContaining("matrix");
  }

  @Test
  void jobNamesFitSixtyThreeCharactersAndStayDistinct() {
    assertThat(JobProvider.jobName("web-abc-2", "smoke_test", 1)).isEqualTo("web-abc-2-smoke-test-1");
    String run = "a-very-long-rollout-name-that-goes-on-and-on-abcdefghij-2";
    String one = JobProvider.jobName(run, "error-rate", 1);
    String two = JobProvider.jobName(run, "error-rate", 2);
    assertThat(one).hasSizeLessThanOrEqualTo(63).endsWith("-1").isNotEqualTo(two);
    assertThat(two).hasSizeLessThanOrEqualTo(63).endsWith("-2");
  }
}
