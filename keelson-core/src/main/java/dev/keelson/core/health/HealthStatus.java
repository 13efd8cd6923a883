package dev.keelson.core.health;

import java.util.Collection;

/**
 * Health of an object or of a whole application. Constants are declared from best to worst, in
 * Argo CD's order (gitops-engine {@code health.IsWorse}), and named exactly as Argo CD spells the
 * values, so {@link #name()} is what status fields and the CLI show.
 */
public enum HealthStatus {
  /** Running as desired. */
  Healthy,
  /** Deliberately paused (paused Deployment, suspended Job/CronJob). */
  Suspended,
  /** Not yet healthy but expected to get there (rollout under way, waiting for an address). */
  Progressing,
  /** Desired but absent from the cluster. */
  Missing,
  /** Failed, or not expected to become healthy without a change. */
  Degraded,
  /**
   * The assessment itself failed. Worst on purpose, as in Argo CD: an application whose health
   * cannot be determined must not be reported as fine.
   */
  Unknown;

  public boolean isWorseThan(HealthStatus other) {
    return compareTo(other) > 0;
  }

  /** The worse of the two. */
  public HealthStatus worst(HealthStatus other) {
    return other != null && other.isWorseThan(this) ? other : this;
  }

  /** Worst of all given statuses; {@link #Healthy} when there are none. */
  public static HealthStatus worstOf(Collection<HealthStatus> statuses) {
    HealthStatus worst = Healthy;
    for (HealthStatus s : statuses) {
      worst = worst.worst(s);
    }
    return worst;
  }
}
