package dev.keelson.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds the API server serves, per apiVersion, cached. A kind not found triggers one fresh
 * look-up of its apiVersion (a CRD may just have been established) before it is reported
 * unknown.
 */
public final class ApiDiscovery {
  private final KubernetesClient client;
  private final Map<String, Map<String, ResourceType>> byApiVersion = new ConcurrentHashMap<>();

  public ApiDiscovery(KubernetesClient client) {
    this.client = client;
  }

  public ResourceType typeOf(String apiVersion, String kind) throws KubeException {
    Map<String, ResourceType> kinds = byApiVersion.get(apiVersion);
    ResourceType type = kinds == null ? null : kinds.get(kind);
    if (type != null) return type;
    kinds = load(apiVersion);
    type = kinds.get(kind);
    if (type == null) throw new UnknownKindException(apiVersion, kind);
    return type;
  }

  private Map<String, ResourceType> load(String apiVersion) throws KubeException {
    APIResourceList list;
    try {
      list = client.getApiResources(apiVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return Map.of();
      throw KubeException.from("discovering " + apiVersion, e);
    }
    Map<String, ResourceType> kinds = new ConcurrentHashMap<>();
    if (list != null && list.getResources() != null) {
      for (APIResource r : list.getResources()) {
        if (r.getName().contains("/")) continue; // subresources such as deployments/scale
        kinds.put(r.getKind(), new ResourceType(apiVersion, r.getKind(), r.getName(), Boolean.TRUE.equals(r.getNamespaced())));
      }
    }
    byApiVersion.put(apiVersion, kinds);
    return kinds;
  }
}
