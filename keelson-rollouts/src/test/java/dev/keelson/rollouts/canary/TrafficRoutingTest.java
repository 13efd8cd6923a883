package dev.keelson.rollouts.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
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
  void smiTakesArgosDefaultsWhenNamesAreLeftOut() {
    assertThat(TrafficRouting.of(Map.of("smi", Map.of())))
        .contains(new TrafficRouting.Smi(Optional.empty(), Optional.empty()));
    assertThat(TrafficRouting.of(Map.of("smi", Map.of("rootService", "web", "trafficSplitName", "web-split"))))
        .contains(new TrafficRouting.Smi(Optional.of("web"), Optional.of("web-split")));
  }

  @Test
  void theGatewayApiPluginIsReadWithArgosSpelling() {
    assertThat(TrafficRouting.of(Map.of("plugins", Map.of("argoproj-labs/gatewayAPI",
        Map.of("httpRoute", "web", "namespace", "shop")))))
        .contains(new TrafficRouting.GatewayApi("web", Optional.of("shop")));
    assertThatThrownBy(() -> TrafficRouting.of(Map.of("plugins", Map.of("argoproj-labs/gatewayAPI", Map.of()))))
        .hasMessageContaining("plugins.argoproj-labs/gatewayAPI.httpRoute is required");
    assertThatThrownBy(() -> TrafficRouting.of(Map.of("plugins", Map.of("acme/router", Map.of()))))
        .hasMessageContaining("trafficRouting.plugins.acme/router is not supported");
  }

  @Test
  void otherProvidersTwoProvidersAndAMissingStableIngressAreRefusedByName() {
    assertThatThrownBy(() -> TrafficRouting.of(Map.of("istio", Map.of("virtualService", Map.of()))))
        .hasMessageContaining("trafficRouting.istio is not supported yet");
    assertThatThrownBy(() -> TrafficRouting.of(Map.of("nginx", Map.of())))
        .hasMessageContaining("trafficRouting.nginx.stableIngress is required");
    assertThatThrownBy(() -> TrafficRouting.of(new java.util.TreeMap<>(Map.of("nginx", Map.of("stableIngress", "web"),
        "smi", Map.of())))).hasMessageContaining("one provider at a time, not nginx and smi");
  }
}
