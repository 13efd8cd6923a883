package dev.keelson.kube;

import dev.keelson.core.model.ResourceKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * Reads, server-side-applies and deletes single objects of any kind. Every write goes through
 * server-side apply with the field manager {@value #FIELD_MANAGER}, so ownership of each field is
 * recorded by the API server and fields of other managers are left alone.
 */
public final class ResourceClient implements ClusterObjects {
  public static final String FIELD_MANAGER = "keelson";

  private final KubernetesClient client;
  private final ApiDiscovery discovery;

  public ResourceClient(KubernetesClient client, ApiDiscovery discovery) {
    this.client = client;
    this.discovery = discovery;
  }

  @Override
  public Map<String, Object> get(String apiVersion, ResourceKey key) throws KubeException {
    try {
      return KubeObjects.toMap(resource(apiVersion, key).get());
    } catch (KubernetesClientException e) {
      throw KubeException.from("reading " + key, e);
    }
  }

  @Override
  public List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels)
      throws KubeException {
    ResourceType type = discovery.typeOf(apiVersion, kind);
    var op = client.genericKubernetesResources(type.context());
    try {
      var items = (type.namespaced() ? op.inNamespace(namespace).withLabels(labels) : op.withLabels(labels))
          .list().getItems();
      return items.stream().map(KubeObjects::toMap).toList();
    } catch (KubernetesClientException e) {
      throw KubeException.from("listing " + kind + " in " + namespace, e);
    }
  }

  @Override
  public Map<String, Object> apply(Map<String, Object> desired, ResourceKey key) throws KubeException {
    return serverSideApply(desired, key, false);
  }

  @Override
  public Map<String, Object> dryRun(Map<String, Object> desired, ResourceKey key) throws KubeException {
    return serverSideApply(desired, key, true);
  }

  private Map<String, Object> serverSideApply(Map<String, Object> desired, ResourceKey key, boolean dryRun)
      throws KubeException {
    String apiVersion = (String) desired.get("apiVersion");
    PatchContext patch = new PatchContext();
    patch.setPatchType(PatchType.SERVER_SIDE_APPLY);
    patch.setFieldManager(FIELD_MANAGER);
    patch.setForce(true);
    if (dryRun) patch.setDryRun(List.of("All"));
    try {
      GenericKubernetesResource body = KubeObjects.toGeneric(desired);
      return KubeObjects.toMap(resource(apiVersion, key).patch(patch, body));
    } catch (KubernetesClientException e) {
      throw KubeException.from((dryRun ? "validating " : "applying ") + key, e);
    }
  }

  /**
   * For objects that server-side apply cannot handle (Replace=true): fields set by others are
   * dropped, as kubectl replace does.
   */
  @Override
  public Map<String, Object> replace(Map<String, Object> desired, ResourceKey key) throws KubeException {
    String apiVersion = (String) desired.get("apiVersion");
    try {
      GenericKubernetesResource body = KubeObjects.toGeneric(desired);
      GenericKubernetesResource live = resource(apiVersion, key).get();
      if (live == null) return KubeObjects.toMap(item(apiVersion, key, body).create());
      body.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
      return KubeObjects.toMap(item(apiVersion, key, body).update());
    } catch (KubernetesClientException e) {
      throw KubeException.from("replacing " + key, e);
    }
  }

  @Override
  public boolean delete(String apiVersion, ResourceKey key, DeletionPropagation propagation)
      throws KubeException {
    try {
      var details = resource(apiVersion, key).withPropagationPolicy(propagation).delete();
      return details != null && !details.isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return false;
      throw KubeException.from("deleting " + key, e);
    }
  }

  private Resource<GenericKubernetesResource> item(String apiVersion, ResourceKey key, GenericKubernetesResource body)
      throws KubeException {
    ResourceType type = discovery.typeOf(apiVersion, key.kind());
    var op = client.genericKubernetesResources(type.context());
    return type.namespaced() ? op.inNamespace(key.namespace()).resource(body) : op.resource(body);
  }

  private Resource<GenericKubernetesResource> resource(String apiVersion, ResourceKey key)
      throws KubeException {
    ResourceType type = discovery.typeOf(apiVersion, key.kind());
    var op = client.genericKubernetesResources(type.context());
    return type.namespaced()
        ? op.inNamespace(key.namespace()).withName(key.name())
        : op.withName(key.name());
  }
}
