package dev.keelson.core.health;

import java.util.Map;

/**
 * Ingress: healthy once an ingress controller has published an address, as in Argo CD. Without a
 * controller it stays Progressing, which is the truth: nothing routes traffic to it.
 */
final class IngressHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> ingress) {
    if (Fields.nonEmptyList(ingress, "status", "loadBalancer", "ingress")) {
      return Health.healthy();
    }
    return Health.progressing("Waiting for an ingress controller to assign an address");
  }
}
