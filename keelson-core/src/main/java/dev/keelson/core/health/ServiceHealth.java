package dev.keelson.core.health;

import java.util.Map;

/** Service: only a LoadBalancer has something to wait for, its external address. */
final class ServiceHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> svc) {
    if (Fields.string(svc, "spec", "type").equals("LoadBalancer")
        && !Fields.nonEmptyList(svc, "status", "loadBalancer", "ingress")) {
      return Health.progressing("Waiting for the load balancer to get an address");
    }
    return Health.healthy();
  }
}
