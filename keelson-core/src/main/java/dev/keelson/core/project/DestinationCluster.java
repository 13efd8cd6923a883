package dev.keelson.core.project;

/**
 * A destination cluster as project rules see it: both its names, since a rule may give either.
 *
 * @param name the cluster Secret's name field ({@code in-cluster} for the controller's own)
 * @param server its API server URL ({@code https://kubernetes.default.svc} for the controller's own)
 */
public record DestinationCluster(String name, String server) {
  public static final DestinationCluster IN_CLUSTER =
      new DestinationCluster("in-cluster", "https://kubernetes.default.svc");

  @Override
  public String toString() {
    return name + " (" + server + ")";
  }
}
