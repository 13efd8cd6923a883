package dev.keelson.cli;

import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every `promote` command shares: cluster access and namespace. */
final class PromotionTarget {
  @Mixin KubeOptions kube;

  @Option(names = {"-n", "--namespace"},
      description = "Namespace of the PromotionPipeline (default: the kubeconfig context's, else 'default').")
  String namespace;

  PromotionPipeline require(KubernetesClient client, String name) {
    String ns = namespace != null ? namespace : kube.defaultNamespace(client);
    PromotionPipeline p = client.resources(PromotionPipeline.class).inNamespace(ns).withName(name).get();
    if (p == null) throw new IllegalArgumentException("PromotionPipeline " + ns + "/" + name + " not found");
    return p;
  }
}
