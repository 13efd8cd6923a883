package dev.keelson.rollouts.canary;

/**
 * One ReplicaSet's replicas: asked for ({@code spec.replicas}) and available.
 */
public record ReplicaCounts(int desired, int available) {
  public static final ReplicaCounts NONE = new ReplicaCounts(0, 0);

  public ReplicaCounts {
    if (desired < 0 || available < 0) throw new IllegalArgumentException("negative replica count");
  }
}
