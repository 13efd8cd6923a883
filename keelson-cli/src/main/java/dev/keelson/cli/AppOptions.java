package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every `app` command shares: cluster access and namespace. */
final class AppOptions {
  @Mixin KubeOptions kube;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the Application (default: the kubeconfig context's, else 'default').")
  String namespace;

  @Option(names = "--controller-namespace", defaultValue = dev.keelson.controller.runtime.ControllerOptions.DEFAULT_NAMESPACE,
      description = "The controller's namespace, where cluster Secrets live (default: ${DEFAULT-VALUE}).")
  String controllerNamespace;

  String namespace(KubernetesClient client) {
    return namespace != null ? namespace : kube.defaultNamespace(client);
  }

  Application require(KubernetesClient client, String name) {
    String ns = namespace(client);
    Application app = client.resources(Application.class).inNamespace(ns).withName(name).get();
    if (app == null) throw new IllegalArgumentException("application " + ns + "/" + name + " not found");
    return app;
  }
}
