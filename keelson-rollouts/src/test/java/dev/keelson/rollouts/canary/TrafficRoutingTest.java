package dev.keelson.rollouts.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficRoutingTest {

  @Test
  void nginxIsReadWithItsAnnotations() {
    assertThat(TrafficRouting.of(Map.of("nginx", Map.of("stableIngress", "web",
        "additionalIngressAnnotations", Map.of("canary-by-header", "X-Canary")))))
        .contains(new TrafficRouting.Nginx("web", Map.of("canary-by-header", "X-Canary")));
    assertThat(TrafficRouting.of(null)).isEmpty();
    assertThat(TrafficRouting.of(Map.of())).isEmpty();
  }

  @Test
  void otherProvidersAndAMissingStableIngressAreRefusedByName() {
    assertThatThrownBy(() -> TrafficRouting.of(Map.of("smi", Map.of("trafficSplitName", "web"))))
        .hasMessageContaining("trafficRouting.smi is not supported yet");
    assertThatThrownBy(() -> TrafficRouting.of(Map.of("nginx", Map.of())))
        .hasMessageContaining("trafficRouting.nginx.stableIngress is required");
  }
}
