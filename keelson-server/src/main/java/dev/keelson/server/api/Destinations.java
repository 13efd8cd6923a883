package dev.keelson.server.api;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.ClusterRef;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.server.http.ApiError;
import dev.keelson.server.http.ErrorCode;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The client for an app's destination cluster, as the CLI's app commands find it. */
final class Destinations {
  private final KubernetesClient control;
  private final String controllerNamespace;

  Destinations(KubernetesClient control, String controllerNamespace) {
    this.control = control;
    this.controllerNamespace = controllerNamespace;
  }

  dev.keelson.controller.fleet.Destinations.Destination of(Application app) {
    var d = app.getSpec() == null ? null : app.getSpec().destination;
    ClusterRef ref;
    try {
      ref = d == null ? ClusterRef.IN_CLUSTER : ClusterRef.of(d.server, d.name);
    } catch (IllegalArgumentException e) {
      throw new ApiError(ErrorCode.render_failed, e.getMessage());
    }
    try {
      return dev.keelson.controller.fleet.Destinations.of(control, controllerNamespace, ref);
    } catch (ReconcileFailure f) {
      throw new ApiError(ErrorCode.upstream_failed, f.getMessage());
    }
  }
}
