package dev.keelson.cli;

import dev.keelson.cli.imports.Importer;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the objects an import converts from a live cluster, in all namespaces, at the version
 * the API server prefers. A kind whose CRD is not installed is skipped: a cluster with Flux's
 * Kustomizations need not have its HelmReleases too.
 */
final class ImportFromCluster {
  private static final Logger LOG = LoggerFactory.getLogger(ImportFromCluster.class);

  private record SourceKind(String group, String kind) {}

  private static final List<SourceKind> ARGOCD = List.of(
      new SourceKind("argoproj.io", "AppProject"),
      new SourceKind("argoproj.io", "ApplicationSet"),
      new SourceKind("argoproj.io", "Application"));

  // Sources first: that is how a reader of the output expects them, though the importer does not care.
  private static final List<SourceKind> FLUX = List.of(
      new SourceKind("source.toolkit.fluxcd.io", "GitRepository"),
      new SourceKind("source.toolkit.fluxcd.io", "HelmRepository"),
      new SourceKind("source.toolkit.fluxcd.io", "OCIRepository"),
      new SourceKind("kustomize.toolkit.fluxcd.io", "Kustomization"),
      new SourceKind("helm.toolkit.fluxcd.io", "HelmRelease"));

  private ImportFromCluster() {}

  static List<Map<String, Object>> read(KubernetesClient client, Importer.Tool tool) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (tool == Importer.Tool.ARGOCD) {
      // Argo CD's cluster, repository and credential template Secrets, wherever Argo CD runs.
      for (String type : List.of("cluster", "repository", "repo-creds")) {
        client.secrets().inAnyNamespace().withLabel("argocd.argoproj.io/secret-type", type).list().getItems()
            .forEach(s -> out.add(asMap(s)));
      }
    }
    for (SourceKind k : tool == Importer.Tool.ARGOCD ? ARGOCD : FLUX) {
      ResourceDefinitionContext context = served(client, k);
      if (context == null) {
        LOG.info("{}.{} is not served by this cluster; skipped", k.kind(), k.group());
        continue;
      }
      for (GenericKubernetesResource r : client.genericKubernetesResources(context).inAnyNamespace().list().getItems()) {
        out.add(asMap(r));
      }
    }
    return out;
  }

  /** The kind at its group's preferred version, or null when no CRD serves it. */
  private static ResourceDefinitionContext served(KubernetesClient client, SourceKind k) {
    APIGroup group = client.getApiGroup(k.group());
    if (group == null || group.getPreferredVersion() == null) return null;
    String groupVersion = group.getPreferredVersion().getGroupVersion();
    APIResourceList resources = client.getApiResources(groupVersion);
    if (resources == null) return null;
    for (APIResource r : resources.getResources()) {
      if (r.getKind().equals(k.kind()) && !r.getName().contains("/")) {
        return new ResourceDefinitionContext.Builder().withGroup(k.group())
            .withVersion(group.getPreferredVersion().getVersion()).withKind(k.kind()).withPlural(r.getName())
            .withNamespaced(Boolean.TRUE.equals(r.getNamespaced())).build();
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object resource) {
    return Serialization.jsonMapper().convertValue(resource, Map.class);
  }
}
