package dev.keelson.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/** Conversions between fabric8's generic objects and the plain JSON model the core works on. */
public final class KubeObjects {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubeObjects() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(Object resource) {
    return resource == null ? null : SERIALIZATION.convertValue(resource, Map.class);
  }

  public static GenericKubernetesResource toGeneric(Map<String, Object> object) {
    return SERIALIZATION.convertValue(object, GenericKubernetesResource.class);
  }
}
