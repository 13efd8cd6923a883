package dev.keelson.rollouts.runtime;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.canary.TrafficRouting;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weights of a Gateway API HTTPRoute's stable and canary backendRefs, as Argo Rollouts'
 * Gateway API plugin sets them: in every rule that names both Services, the canary gets the
 * weight and the stable the rest of 100. The Application declares the route; the rollout writes
 * {@code spec.rules} (an atomic list, so all of it) under its field manager
 * {@code keelson-rollouts} while it rolls out, and the engine never reverts fields that manager
 * owns. Once the template is stable the weights go back to 100/0 and the rollout gives the
 * fields up (its managedFields entry is removed, the values stay), so later Git edits of the route
 * apply again.
 */
final class HttpRouteWeights {
  static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("gateway.networking.k8s.io").withVersion("v1").withKind("HTTPRoute").withPlural("httproutes")
      .withNamespaced(true).build();
  static final String API_VERSION = "gateway.networking.k8s.io/v1";

  private final KubernetesClient client;

  HttpRouteWeights(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param rollingOut false once the template is stable: the weights return to 100/0 and the
   *     rollout releases the route, if it holds it
   * @return why not: the route is missing or has no rule naming both Services
   */
  Optional<String> route(Rollout rollout, TrafficRouting.GatewayApi gateway, String stableService,
      String canaryService, int weight, boolean rollingOut) {
    String ns = gateway.namespace().orElse(rollout.getMetadata().getNamespace());
    var resource = client.genericKubernetesResources(CONTEXT).inNamespace(ns).withName(gateway.httpRoute());
    GenericKubernetesResource live;
    try {
      live = resource.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return Optional.of("HTTPRoute: the kind " + API_VERSION + " HTTPRoute is not installed");
      throw e;
    }
    if (live == null) return Optional.of("HTTPRoute " + gateway.httpRoute() + " not found");
    boolean held = holds(live);
    if (!rollingOut && !held) return Optional.empty(); // the Application's, between rollouts
    Object rules = spec(live).get("rules");
    Optional<List<Object>> weighted = withWeights(rules, stableService, canaryService, rollingOut ? weight : 0);
    if (weighted.isEmpty()) {
      return Optional.of("HTTPRoute " + gateway.httpRoute() + " has no rule with backendRefs to both Service "
          + stableService + " and Service " + canaryService);
    }
    if (!weighted.get().equals(rules)) {
      GenericKubernetesResource desired = new GenericKubernetesResourceBuilder()
          .withApiVersion(API_VERSION).withKind("HTTPRoute")
          .withNewMetadata().withName(gateway.httpRoute()).withNamespace(ns).endMetadata()
          .build();
      desired.setAdditionalProperty("spec", Map.of("rules", weighted.get()));
      client.genericKubernetesResources(CONTEXT).inNamespace(ns).resource(desired)
          .fieldManager(Rollout.FIELD_MANAGER).forceConflicts().serverSideApply();
    }
    if (!rollingOut) release(resource);
    return Optional.empty();
  }

  /** Whether the rollout owns fields of the route. */
  static boolean holds(GenericKubernetesResource route) {
    List<ManagedFieldsEntry> entries = route.getMetadata().getManagedFields();
    return entries != null && entries.stream().anyMatch(e -> Rollout.FIELD_MANAGER.equals(e.getManager()));
  }

  /**
   * Removes the rollout's managedFields entries: the fields keep their values, and the next apply
   * of the Application owns them again without a conflict. (An apply of an empty configuration
   * under the rollout's manager would instead delete the fields it alone owns.)
   */
  private void release(io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource) {
    RetryOnConflict.edit(resource, r -> {
      List<ManagedFieldsEntry> kept = new ArrayList<>(r.getMetadata().getManagedFields());
      kept.removeIf(e -> Rollout.FIELD_MANAGER.equals(e.getManager()));
      r.getMetadata().setManagedFields(kept);
      return r;
    });
  }

  /**
   * A copy of the route's rules in which each rule with backendRefs naming both Services gives the
   * canary {@code weight} and the stable {@code 100 - weight}; empty when no rule names both.
   */
  static Optional<List<Object>> withWeights(Object rules, String stableService, String canaryService, int weight) {
    if (!(rules instanceof List<?> list)) return Optional.empty();
    List<Object> out = new ArrayList<>();
    boolean routed = false;
    for (Object rule : list) {
      if (!(rule instanceof Map<?, ?> r) || !(r.get("backendRefs") instanceof List<?> refs)
          || !names(refs, stableService) || !names(refs, canaryService)) {
        out.add(rule);
        continue;
      }
      routed = true;
      List<Object> weightedRefs = new ArrayList<>();
      for (Object ref : refs) {
        Map<String, Object> copy = copy(ref);
        if (isService(ref, canaryService)) copy.put("weight", weight);
        else if (isService(ref, stableService)) copy.put("weight", 100 - weight);
        weightedRefs.add(copy);
      }
      Map<String, Object> copy = copy(rule);
      copy.put("backendRefs", weightedRefs);
      out.add(copy);
    }
    return routed ? Optional.of(out) : Optional.empty();
  }

  private static boolean names(List<?> refs, String service) {
    return refs.stream().anyMatch(ref -> isService(ref, service));
  }

  /** A backendRef to a core Service (kind and group are Service and "" unless set). */
  private static boolean isService(Object ref, String service) {
    if (!(ref instanceof Map<?, ?> m) || !service.equals(m.get("name"))) return false;
    Object kind = m.get("kind");
    Object group = m.get("group");
    return (kind == null || "Service".equals(kind)) && (group == null || "".equals(group) || "core".equals(group));
  }

  private static Map<String, Object> copy(Object map) {
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<?, ?>) map).forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static Map<?, ?> spec(GenericKubernetesResource route) {
    return route.getAdditionalProperties().get("spec") instanceof Map<?, ?> m ? m : Map.of();
  }
}
