package dev.keelson.core.health;

import java.util.Map;

/** PersistentVolumeClaim: by phase, as in Argo CD. */
final class PersistentVolumeClaimHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> pvc) {
    String phase = Fields.string(pvc, "status", "phase");
    return switch (phase) {
      case "Bound" -> Health.healthy();
      // Also the steady state of WaitForFirstConsumer claims until a pod uses them.
      case "Pending", "" -> Health.progressing("Waiting for the claim to be bound");
      case "Lost" -> Health.degraded("The claim's volume has been lost");
      default -> Health.unknown("Unexpected phase " + phase);
    };
  }
}
