package dev.keelson.server.api;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Operator requests written the way the CLI writes them: annotations (and spec.suspend) in one
 * edit of the Application, retried on a conflict since the controller's status writes move the
 * resourceVersion. The controller answers them; the server keeps no state of its own.
 */
final class OperatorWrites {
  private final KubernetesClient client;

  OperatorWrites(KubernetesClient client) {
    this.client = client;
  }

  void edit(Application app, Consumer<Application> change) {
    var resource = client.resources(Application.class).inNamespace(app.getMetadata().getNamespace())
        .withName(app.getMetadata().getName());
    RetryOnConflict.edit(resource, x -> {
      change.accept(x);
      return x;
    });
  }

  static Map<String, String> annotations(Application app) {
    if (app.getMetadata().getAnnotations() == null) app.getMetadata().setAnnotations(new HashMap<>());
    return app.getMetadata().getAnnotations();
  }
}
