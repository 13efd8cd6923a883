package dev.keelson.controller.fleet;

import dev.keelson.controller.engine.AppEngine;
import dev.keelson.controller.operation.AppDeleter;
import dev.keelson.core.tracking.AppRef;
import java.util.function.Consumer;

/**
 * One destination cluster's half of the flow: the engine and the deleter over that cluster's
 * client, discovery and live cache (the Applications, their status, their Secrets and ConfigMaps
 * stay on the controller's own cluster).
 *
 * @param forget drops what the cluster's parts remember of an app
 * @param close stops the cluster's informers and closes its client
 */
public record ClusterEngine(AppEngine engine, AppDeleter deleter, Consumer<AppRef> forget, Runnable close) {

  /** Builds the parts for a cluster reached through {@code client}. */
  public interface Factory {
    ClusterEngine create(io.fabric8.kubernetes.client.KubernetesClient client);
  }
}
