package dev.keelson.core.health;

import java.util.Map;

/** Deployment: kubectl's rollout-status logic, as in Argo CD. */
final class DeploymentHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> d) {
    if (Fields.isTrue(d, "spec", "paused")) {
      return Health.suspended("Deployment is paused");
    }
    long generation = Fields.generation(d);
    long observed = Fields.observedGeneration(d);
    if (observed < generation) {
      // Status fields describe an older spec until the controller has caught up.
      return Health.progressing(
          "Waiting for rollout to be observed: observed generation "
              + observed + " is older than generation " + generation);
    }
    boolean deadlineExceeded =
        Fields.condition(d, "Progressing")
            .filter(c -> c.reason().equals("ProgressDeadlineExceeded"))
            .isPresent();
    if (deadlineExceeded) {
      return Health.degraded(
          "Deployment \"" + Fields.name(d) + "\" exceeded its progress deadline");
    }
    long desired = Fields.number(d, 1, "spec", "replicas");
    long replicas = Fields.number(d, 0, "status", "replicas");
    long updated = Fields.number(d, 0, "status", "updatedReplicas");
    long available = Fields.number(d, 0, "status", "availableReplicas");
    if (updated < desired) {
      return Health.progressing(
          "Waiting for rollout to finish: " + updated + " out of " + desired
              + " new replicas have been updated...");
    }
    if (replicas > updated) {
      return Health.progressing(
          "Waiting for rollout to finish: " + (replicas - updated)
              + " old replicas are pending termination...");
    }
    if (available < updated) {
      return Health.progressing(
          "Waiting for rollout to finish: " + available + " of " + updated
              + " updated replicas are available...");
    }
    return Health.healthy();
  }
}
