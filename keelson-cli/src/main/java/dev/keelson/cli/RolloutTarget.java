package dev.keelson.cli;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every `rollout` command shares: cluster access and namespace. */
final class RolloutTarget {
  @Mixin KubeOptions kube;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the Rollout (default: the kubeconfig context's, else 'default').")
  String namespace;

  String namespace(KubernetesClient client) {
    return namespace != null ? namespace : kube.defaultNamespace(client);
  }

  Rollout require(KubernetesClient client, String name) {
    String ns = namespace(client);
    Rollout r = client.resources(Rollout.class).inNamespace(ns).withName(name).get();
    if (r == null) throw new IllegalArgumentException("rollout " + ns + "/" + name + " not found");
    return r;
  }
}
