package dev.keelson.core.health;

import java.util.Map;

/** DaemonSet: kubectl's rollout-status logic, as in Argo CD. */
final class DaemonSetHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> ds) {
    long desired = Fields.number(ds, 0, "status", "desiredNumberScheduled");
    long updated = Fields.number(ds, 0, "status", "updatedNumberScheduled");
    long available = Fields.number(ds, 0, "status", "numberAvailable");
    if (Fields.string(ds, "spec", "updateStrategy", "type").equals("OnDelete")) {
      // Pods are only replaced when someone deletes them; nothing to wait for.
      return Health.healthy(
          "daemon set " + updated + " out of " + desired + " new pods have been updated");
    }
    long generation = Fields.generation(ds);
    long observed = Fields.observedGeneration(ds);
    if (observed < generation) {
      return Health.progressing(
          "Waiting for rollout to finish: observed daemon set generation " + observed
              + " is older than generation " + generation);
    }
    String name = Fields.name(ds);
    if (updated < desired) {
      return Health.progressing(
          "Waiting for daemon set \"" + name + "\" rollout to finish: " + updated + " out of "
              + desired + " new pods have been updated...");
    }
    if (available < desired) {
      return Health.progressing(
          "Waiting for daemon set \"" + name + "\" rollout to finish: " + available + " of "
              + desired + " updated pods are available...");
    }
    return Health.healthy();
  }
}
