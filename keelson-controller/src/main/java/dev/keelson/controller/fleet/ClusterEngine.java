package dev.keelson.controller.fleet;

import dev.keelson.controller.engine.AppEngine;
import dev.keelson.controller.operation.AppDeleter;
import dev.keelson.core.tracking.AppRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Consumer;

/**
 * One destination cluster's half of the flow: the engine and the deleter over that cluster's
 * client, discovery and live cache (the Applications, their status, their Secrets and ConfigMaps
 * stay on the controller's own cluster).
 *
 * @param forget drops what the cluster's parts remember of an app
 * @param close stops the cluster's informers and closes its client
 * @param impersonation the same cluster's parts for apps acting as a ServiceAccount
 */
public record ClusterEngine(AppEngine engine, AppDeleter deleter, Consumer<AppRef> forget, Runnable close,
    Impersonation impersonation) {

  /** Builds the parts for a cluster reached through {@code client}. */
  public interface Factory {
    ClusterEngine create(KubernetesClient client);
  }

  /**
   * Builds the parts through a client that impersonates a ServiceAccount: every read and write of
   * their apps goes through that account's RBAC; rendering, discovery and the watches that say when
   * to look stay the cluster's.
   */
  public interface Impersonation {
    ClusterEngine as(KubernetesClient impersonating);
  }
}
