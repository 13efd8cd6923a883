package dev.keelson.controller.fleet;

import dev.keelson.controller.app.ClusterRef;
import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.core.project.DestinationCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * An app's destination cluster found once, from the cluster Secrets as they are now, for the
 * commands that act for one app ({@code app diff}, {@code app manifests}, {@code app test}).
 */
public final class Destinations {

  /**
   * A client for the destination; closing it closes a remote cluster's client, never the
   * controller's own.
   *
   * @param cluster the destination as project rules see it (name and server)
   */
  public record Destination(KubernetesClient client, boolean remote, DestinationCluster cluster)
      implements AutoCloseable {
    @Override
    public void close() {
      if (remote) client.close();
    }
  }

  private Destinations() {}

  /** @throws ReconcileFailure {@link FailureReason#DestinationUnknown} when no Secret describes it */
  public static Destination of(KubernetesClient control, String controllerNamespace, ClusterRef ref)
      throws ReconcileFailure {
    if (ref instanceof ClusterRef.InCluster) return new Destination(control, false, DestinationCluster.IN_CLUSTER);
    for (String label : List.of(ClusterSecrets.TYPE_LABEL, ClusterSecrets.ARGOCD_TYPE_LABEL)) {
      for (Secret s : control.secrets().inNamespace(controllerNamespace).withLabel(label, ClusterSecrets.CLUSTER)
          .list().getItems()) {
        ClusterSecret c;
        try {
          c = ClusterSecrets.parse(s);
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (c.matches(ref)) {
          return new Destination(ClusterClients.create(c), true, new DestinationCluster(c.name(), c.server()));
        }
      }
    }
    throw new ReconcileFailure(FailureReason.DestinationUnknown, "spec.destination: no " + ref
        + " among the cluster Secrets in namespace " + controllerNamespace, false);
  }
}
