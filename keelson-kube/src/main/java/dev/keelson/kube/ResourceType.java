package dev.keelson.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** How the API server serves one kind: its REST coordinates and whether it is namespaced. */
public record ResourceType(String apiVersion, String kind, String plural, boolean namespaced) {
  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(dev.keelson.core.model.ResourceKey.groupOf(apiVersion))
        .withVersion(dev.keelson.core.model.ResourceKey.versionOf(apiVersion))
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }
}
