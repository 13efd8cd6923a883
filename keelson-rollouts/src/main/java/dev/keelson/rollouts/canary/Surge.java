package dev.keelson.rollouts.canary;

/**
 * {@code maxSurge} and {@code maxUnavailable} resolved against the replica count, as Kubernetes
 * resolves a Deployment's: surge rounds up, unavailable down, and both zero would never move, so
 * unavailable becomes one.
 */
public record Surge(int maxSurge, int maxUnavailable) {
  public Surge {
    if (maxSurge < 0 || maxUnavailable < 0) throw new IllegalArgumentException("negative surge");
    if (maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
  }

  /** Argo Rollouts' default for canaries: 25% each. */
  public static Surge of(IntOrPercent surge, IntOrPercent unavailable, int replicas) {
    return new Surge(surge.resolve(replicas, true), unavailable.resolve(replicas, false));
  }
}
