package dev.keelson.rollouts.canary;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a canary's weight is sent when it is not approximated by replica counts. Argo Rollouts'
 * {@code trafficRouting}; each provider is one record, and a provider Keelson does not drive is
 * refused by name rather than silently approximated.
 */
public sealed interface TrafficRouting {

  /**
   * NGINX Ingress: a second Ingress, {@code <rollout>-<stableIngress>-canary}, made and owned by
   * the rollout, sends {@code canary-weight} percent to the canary Service. It is not in Git, so
   * the Application declaring the stable Ingress never sees it, let alone reverts it.
   */
  record Nginx(String stableIngress, Map<String, String> additionalIngressAnnotations) implements TrafficRouting {
    public Nginx {
      additionalIngressAnnotations = Map.copyOf(additionalIngressAnnotations);
    }
  }

  /** The routing a Rollout's {@code strategy.canary.trafficRouting} asks for; empty without one. */
  static Optional<TrafficRouting> of(Map<String, Object> spec) {
    if (spec == null || spec.isEmpty()) return Optional.empty();
    for (String provider : spec.keySet()) {
      if (!provider.equals("nginx")) {
        throw new IllegalArgumentException("trafficRouting." + provider
            + " is not supported yet (nginx is); without trafficRouting, weights are approximated by replicas");
      }
    }
    if (!(spec.get("nginx") instanceof Map<?, ?> nginx) || !(nginx.get("stableIngress") instanceof String stable)
        || stable.isBlank()) {
      throw new IllegalArgumentException("trafficRouting.nginx.stableIngress is required");
    }
    Map<String, String> extra = new LinkedHashMap<>();
    if (nginx.get("additionalIngressAnnotations") instanceof Map<?, ?> annotations) {
      annotations.forEach((k, v) -> extra.put(String.valueOf(k), String.valueOf(v)));
    }
    return Optional.of(new Nginx(stable, extra));
  }
}
