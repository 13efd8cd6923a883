package dev.keelson.core.health;

import java.util.Map;

/** StatefulSet: kubectl's rollout-status logic, as in Argo CD, including partitioned rollouts. */
final class StatefulSetHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> s) {
    long observed = Fields.observedGeneration(s);
    if (observed == 0 || Fields.generation(s) > observed) {
      return Health.progressing("Waiting for statefulset spec update to be observed...");
    }
    long desired = Fields.number(s, 1, "spec", "replicas");
    long ready = Fields.number(s, 0, "status", "readyReplicas");
    if (ready < desired) {
      return Health.progressing("Waiting for " + (desired - ready) + " pods to be ready...");
    }
    long updated = Fields.number(s, 0, "status", "updatedReplicas");
    String strategy = Fields.string(s, "spec", "updateStrategy", "type");
    if (strategy.equals("OnDelete")) {
      // Pods are only replaced when someone deletes them; nothing to wait for.
      return Health.healthy("statefulset has " + ready + " ready pods");
    }
    long partition = Fields.number(s, 0, "spec", "updateStrategy", "rollingUpdate", "partition");
    if (partition > 0) {
      // Only ordinals >= partition are updated; the rest stay at the old revision by design.
      long expected = Math.max(0, desired - partition);
      if (updated < expected) {
        return Health.progressing(
            "Waiting for partitioned roll out to finish: " + updated + " out of " + expected
                + " new pods have been updated...");
      }
      return Health.healthy("partitioned roll out complete: " + updated + " new pods have been updated...");
    }
    String updateRevision = Fields.string(s, "status", "updateRevision");
    String currentRevision = Fields.string(s, "status", "currentRevision");
    if (!updateRevision.isEmpty() && !updateRevision.equals(currentRevision)) {
      return Health.progressing(
          "waiting for statefulset rolling update to complete " + updated
              + " pods at revision " + updateRevision + "...");
    }
    return Health.healthy(
        "statefulset rolling update complete " + Fields.number(s, 0, "status", "currentReplicas")
            + " pods at revision " + currentRevision + "...");
  }
}
