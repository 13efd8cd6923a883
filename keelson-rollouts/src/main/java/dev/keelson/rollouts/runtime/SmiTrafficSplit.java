package dev.keelson.rollouts.runtime;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.canary.TrafficRouting;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMI TrafficSplit of a canary, as Argo Rollouts makes it: named after the rollout (or
 * {@code trafficSplitName}), for the root Service (or the stable Service), with two backends, the
 * canary Service at the canary's weight and the stable Service at the rest. The rollout creates
 * and owns it (owner reference, field manager {@code keelson-rollouts}) and carries none of
 * Keelson's tracking marks, so no Application counts it as its own. Written as
 * {@code split.smi-spec.io/v1alpha1}, Argo Rollouts' default version; the weights are integers,
 * which v1alpha1's quantities accept as they are.
 */
final class SmiTrafficSplit {
  static final String API_VERSION = "split.smi-spec.io/v1alpha1";
  static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("split.smi-spec.io").withVersion("v1alpha1").withKind("TrafficSplit").withPlural("trafficsplits")
      .withNamespaced(true).build();

  private final KubernetesClient client;

  SmiTrafficSplit(KubernetesClient client) {
    this.client = client;
  }

  static String name(Rollout rollout, TrafficRouting.Smi smi) {
    return smi.trafficSplitName().orElse(rollout.getMetadata().getName());
  }

  /** @return why not: the TrafficSplit kind is not installed, or a split of that name belongs to someone else */
  Optional<String> route(Rollout rollout, TrafficRouting.Smi smi, String stableService, String canaryService,
      int weight) {
    String ns = rollout.getMetadata().getNamespace();
    String name = name(rollout, smi);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("service", smi.rootService().orElse(stableService));
    spec.put("backends", List.of(
        Map.of("service", canaryService, "weight", weight),
        Map.of("service", stableService, "weight", 100 - weight)));
    try {
      GenericKubernetesResource live = client.genericKubernetesResources(CONTEXT).inNamespace(ns).withName(name).get();
      if (live != null) {
        String uid = rollout.getMetadata().getUid();
        boolean ours = live.getMetadata().getOwnerReferences() != null && live.getMetadata().getOwnerReferences()
            .stream().anyMatch(o -> uid.equals(o.getUid()) && Boolean.TRUE.equals(o.getController()));
        if (!ours) return Optional.of("TrafficSplit " + name + " exists and is not controlled by this Rollout");
        if (Objects.equals(normalized(live.getAdditionalProperties().get("spec")), spec)) return Optional.empty();
      }
      GenericKubernetesResource desired = new GenericKubernetesResourceBuilder()
          .withApiVersion(API_VERSION).withKind("TrafficSplit")
          .withNewMetadata().withName(name).withNamespace(ns).withOwnerReferences(owner(rollout)).endMetadata()
          .build();
      desired.setAdditionalProperty("spec", spec);
      client.genericKubernetesResources(CONTEXT).inNamespace(ns).resource(desired)
          .fieldManager(ReplicaSets.FIELD_MANAGER).forceConflicts().serverSideApply();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.of("TrafficSplit " + name + ": the kind " + API_VERSION + " TrafficSplit is not installed");
      }
      throw e;
    }
  }

  /** Live numbers read back as Integer or Long; compared as the ints written. */
  private static Object normalized(Object spec) {
    if (!(spec instanceof Map<?, ?> map)) return spec;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("service", map.get("service"));
    if (map.get("backends") instanceof List<?> backends) {
      out.put("backends", backends.stream().map(b -> b instanceof Map<?, ?> m
          ? Map.of("service", String.valueOf(m.get("service")),
              "weight", m.get("weight") instanceof Number n ? n.intValue() : String.valueOf(m.get("weight")))
          : b).toList());
    }
    map.forEach((k, v) -> {
      if (!out.containsKey(String.valueOf(k))) out.put(String.valueOf(k), v);
    });
    return out;
  }

  static OwnerReference owner(Rollout rollout) {
    return new OwnerReferenceBuilder()
        .withApiVersion(Rollout.API_VERSION).withKind(Rollout.KIND)
        .withName(rollout.getMetadata().getName()).withUid(rollout.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }
}
