package dev.keelson.rollouts.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRouteWeightsTest {
  private static final Map<String, Object> MATCH = Map.of("path", Map.of("type", "PathPrefix", "value", "/"));

  private static Map<String, Object> ref(String name, int weight) {
    return Map.of("name", name, "port", 80, "weight", weight);
  }

  @Test
  void everyRuleNamingBothServicesGetsTheWeightsAndTheRestIsKept() {
    List<Object> rules = List.of(
        Map.of("matches", List.of(MATCH), "backendRefs", List.of(ref("web-stable", 100), ref("web-canary", 0))),
        Map.of("backendRefs", List.of(ref("other", 1))),
        Map.of("backendRefs", List.of(ref("web-canary", 0), ref("web-stable", 100), ref("mirror", 5))));
    List<Object> weighted = HttpRouteWeights.withWeights(rules, "web-stable", "web-canary", 30).orElseThrow();
    assertThat(weighted).containsExactly(
        Map.of("matches", List.of(MATCH), "backendRefs", List.of(ref("web-stable", 70), ref("web-canary", 30))),
        Map.of("backendRefs", List.of(ref("other", 1))),
        Map.of("backendRefs", List.of(ref("web-canary", 30), ref("web-stable", 70), ref("mirror", 5))));
    // the live rules are not touched
    assertThat(((Map<?, ?>) rules.get(0)).get("backendRefs")).isEqualTo(List.of(ref("web-stable", 100), ref("web-canary", 0)));
  }

  @Test
  void aRouteWithoutBothServicesInOneRuleOrWithOtherKindsIsNotRouted() {
    assertThat(HttpRouteWeights.withWeights(List.of(Map.of("backendRefs", List.of(ref("web-stable", 1)))),
        "web-stable", "web-canary", 20)).isEmpty();
    Map<String, Object> notAService = Map.of("name", "web-canary", "kind", "ServiceImport", "group", "multicluster.x-k8s.io");
    assertThat(HttpRouteWeights.withWeights(List.of(Map.of("backendRefs", List.of(ref("web-stable", 1), notAService))),
        "web-stable", "web-canary", 20)).isEmpty();
    assertThat(HttpRouteWeights.withWeights(null, "web-stable", "web-canary", 20)).isEmpty();
  }
}
