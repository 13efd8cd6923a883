package dev.keelson.auth.kube;

import dev.keelson.auth.rbac.RbacAuthorizer;
import dev.keelson.auth.rbac.RbacConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Keeps an {@link RbacAuthorizer} on the {@code keelson-rbac} ConfigMap's current policy. */
public final class RbacWatch implements AutoCloseable {
  private final WatchedObject<ConfigMap> configMap;

  private RbacWatch(WatchedObject<ConfigMap> configMap) {
    this.configMap = configMap;
  }

  public static RbacWatch start(KubernetesClient client, String namespace, RbacAuthorizer authorizer) {
    return new RbacWatch(WatchedObject.start(client.configMaps().inNamespace(namespace).withName(RbacConfig.CONFIG_MAP),
        cm -> authorizer.update(RbacConfig.fromData(cm.map(ConfigMap::getData).orElse(Map.of())))));
  }

  @Override
  public void close() {
    configMap.close();
  }
}
