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
  /** The key Argo Rollouts' Gateway API plugin is configured under in {@code trafficRouting.plugins}. */
  String GATEWAY_API_PLUGIN = "argoproj-labs/gatewayAPI";

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

  /**
   * SMI: a TrafficSplit made and owned by the rollout, as Argo Rollouts makes it.
   *
   * @param rootService the Service clients call; Argo's default is the stable Service (empty here)
   * @param trafficSplitName the TrafficSplit's name; Argo's default is the rollout's name (empty here)
   */
  record Smi(Optional<String> rootService, Optional<String> trafficSplitName) implements TrafficRouting {}

  /**
   * Gateway API: an HTTPRoute the Application declares; the rollout sets the weights of its
   * backendRefs naming the stable and canary Services, under its own field manager.
   *
   * @param namespace the route's namespace; empty for the rollout's
   */
  record GatewayApi(String httpRoute, Optional<String> namespace) implements TrafficRouting {}

  /** The routing a Rollout's {@code strategy.canary.trafficRouting} asks for; empty without one. */
  static Optional<TrafficRouting> of(Map<String, Object> spec) {
    if (spec == null || spec.isEmpty()) return Optional.empty();
    for (String provider : spec.keySet()) {
      if (!provider.equals("nginx") && !provider.equals("smi") && !provider.equals("plugins")) {
        throw new IllegalArgumentException("trafficRouting." + provider
            + " is not supported yet (nginx, smi and plugins." + GATEWAY_API_PLUGIN
            + " are); without trafficRouting, weights are approximated by replicas");
      }
    }
    if (spec.size() > 1) {
      throw new IllegalArgumentException("trafficRouting: one provider at a time, not " + String.join(" and ", spec.keySet()));
    }
    if (spec.containsKey("smi")) return Optional.of(smi(spec.get("smi")));
    if (spec.containsKey("plugins")) return Optional.of(gatewayApi(spec.get("plugins")));
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

  private static Smi smi(Object value) {
    Map<?, ?> smi = value instanceof Map<?, ?> m ? m : Map.of();
    return new Smi(text(smi, "rootService"), text(smi, "trafficSplitName"));
  }

  private static GatewayApi gatewayApi(Object value) {
    Map<?, ?> plugins = value instanceof Map<?, ?> m ? m : Map.of();
    for (Object name : plugins.keySet()) {
      if (!GATEWAY_API_PLUGIN.equals(name)) {
        throw new IllegalArgumentException("trafficRouting.plugins." + name + " is not supported (plugins."
            + GATEWAY_API_PLUGIN + " is)");
      }
    }
    Map<?, ?> config = plugins.get(GATEWAY_API_PLUGIN) instanceof Map<?, ?> m ? m : Map.of();
    if (config.containsKey("httpRoutes") || config.containsKey("grpcRoute") || config.containsKey("tcpRoute")) {
      throw new IllegalArgumentException("trafficRouting.plugins." + GATEWAY_API_PLUGIN
          + ": only httpRoute (one HTTPRoute) is supported yet");
    }
    Optional<String> route = text(config, "httpRoute");
    if (route.isEmpty()) {
      throw new IllegalArgumentException("trafficRouting.plugins." + GATEWAY_API_PLUGIN + ".httpRoute is required");
    }
    return new GatewayApi(route.get(), text(config, "namespace"));
  }

  private static Optional<String> text(Map<?, ?> map, String key) {
    return map.get(key) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }
}
