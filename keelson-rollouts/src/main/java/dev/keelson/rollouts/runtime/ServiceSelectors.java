package dev.keelson.rollouts.runtime;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Optional;

/**
 * Points a Service at one pod template by adding {@code rollouts-pod-template-hash} to its
 * selector. Patched under the rollout's own field manager, so that the Application declaring the
 * Service (which does not declare this key) neither owns nor reverts it.
 */
final class ServiceSelectors {
  private final KubernetesClient client;

  ServiceSelectors(KubernetesClient client) {
    this.client = client;
  }

  /** @return why not, when the Service does not exist */
  Optional<String> point(String namespace, String service, String hash) {
    Service svc = client.services().inNamespace(namespace).withName(service).get();
    if (svc == null) return Optional.of("Service " + service + " not found");
    var selector = svc.getSpec().getSelector();
    if (selector != null && hash.equals(selector.get(Rollout.POD_TEMPLATE_HASH_LABEL))) return Optional.empty();
    client.services().inNamespace(namespace).withName(service).patch(
        new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(ReplicaSets.FIELD_MANAGER).build(),
        "{\"spec\":{\"selector\":{\"" + Rollout.POD_TEMPLATE_HASH_LABEL + "\":\"" + hash + "\"}}}");
    return Optional.empty();
  }
}
