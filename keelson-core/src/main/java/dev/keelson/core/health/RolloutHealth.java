package dev.keelson.core.health;

import java.util.Map;

/**
 * A Keelson Rollout (keelson.dev), as its controller reports it in status.phase: Progressing while
 * it steps, Suspended while a pause step or an operator holds it, Degraded once aborted, Healthy
 * when the template is stable and available. Progressing until the controller has seen the latest
 * spec, so a sync waits for a rollout like for any other object.
 */
final class RolloutHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> rollout) {
    if (!Fields.has(rollout, "status", "observedGeneration") || Fields.observedGeneration(rollout) < Fields.generation(rollout)) {
      return Health.progressing("waiting for the rollout controller to observe the latest spec");
    }
    String message = Fields.string(rollout, "status", "message");
    String phase = Fields.string(rollout, "status", "phase");
    return switch (phase) {
      case "Healthy" -> Health.healthy(message);
      case "Paused" -> Health.suspended(message.isEmpty() ? "Rollout is paused" : message);
      case "Degraded" -> Health.degraded(message.isEmpty() ? "Rollout aborted" : message);
      default -> Health.progressing(message.isEmpty() ? "Rollout is progressing" : message);
    };
  }
}
