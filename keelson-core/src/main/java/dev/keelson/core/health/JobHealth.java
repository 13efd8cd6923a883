package dev.keelson.core.health;

import java.util.Map;

/** Job: as in Argo CD. */
final class JobHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> job) {
    for (Condition c : Fields.conditions(job)) {
      if (!c.isTrue()) {
        continue;
      }
      switch (c.type()) {
        case "Failed":
          return Health.degraded(c.explanation());
        case "Complete":
          return Health.healthy(c.message());
        case "Suspended":
          return Health.suspended(c.explanation());
        default:
          break;
      }
    }
    if (Fields.isTrue(job, "spec", "suspend")) {
      // Suspended before the controller got to write the condition.
      return Health.suspended("Job is suspended");
    }
    return Health.progressing("");
  }
}
