package dev.keelson.rollouts.runtime;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.canary.TrafficRouting;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canary Ingress of NGINX traffic routing, as Argo Rollouts makes it: a copy of the stable
 * Ingress named {@code <rollout>-<stableIngress>-canary}, every backend that names the stable
 * Service sent to the canary Service, and NGINX's {@code canary} and {@code canary-weight}
 * annotations. The rollout creates and owns it (owner reference, field manager
 * {@code keelson-rollouts}); it carries none of Keelson's tracking marks, so no Application
 * counts it as its own.
 */
final class NginxCanaryIngress {
  static final String CANARY = "nginx.ingress.kubernetes.io/canary";
  static final String CANARY_WEIGHT = "nginx.ingress.kubernetes.io/canary-weight";
  /** Marks of the Application that declared the stable Ingress: never copied. */
  private static final String KEELSON_PREFIX = "keelson.dev/";
  private static final String ARGOCD_PREFIX = "argocd.argoproj.io/";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final KubernetesClient client;

  NginxCanaryIngress(KubernetesClient client) {
    this.client = client;
  }

  static String name(Rollout rollout, TrafficRouting.Nginx nginx) {
    return rollout.getMetadata().getName() + "-" + nginx.stableIngress() + "-canary";
  }

  /** @return why not, when the stable Ingress does not exist or names no stable Service backend */
  Optional<String> route(Rollout rollout, TrafficRouting.Nginx nginx, String stableService, String canaryService,
      int weight) {
    String ns = rollout.getMetadata().getNamespace();
    Ingress stable = client.network().v1().ingresses().inNamespace(ns).withName(nginx.stableIngress()).get();
    if (stable == null) return Optional.of("Ingress " + nginx.stableIngress() + " not found");
    Ingress canary = new IngressBuilder(stable).build();
    boolean routed = false;
    if (canary.getSpec().getDefaultBackend() != null) routed |= redirect(canary.getSpec().getDefaultBackend(),
        stableService, canaryService);
    for (IngressRule rule : canary.getSpec().getRules() == null ? java.util.List.<IngressRule>of() : canary.getSpec().getRules()) {
      if (rule.getHttp() == null) continue;
      for (HTTPIngressPath path : rule.getHttp().getPaths()) {
        routed |= redirect(path.getBackend(), stableService, canaryService);
      }
    }
    if (!routed) {
      return Optional.of("Ingress " + nginx.stableIngress() + " has no backend for Service " + stableService);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (stable.getMetadata().getAnnotations() != null) {
      stable.getMetadata().getAnnotations().forEach((k, v) -> {
        if (!k.startsWith(KEELSON_PREFIX) && !k.startsWith(ARGOCD_PREFIX) && !k.equals(LAST_APPLIED)) {
          annotations.put(k, v);
        }
      });
    }
    annotations.putAll(nginx.additionalIngressAnnotations());
    annotations.put(CANARY, "true");
    annotations.put(CANARY_WEIGHT, Integer.toString(weight));
    Ingress desired = new IngressBuilder()
        .withNewMetadata()
            .withName(name(rollout, nginx))
            .withNamespace(ns)
            .withAnnotations(annotations)
            .withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion(Rollout.API_VERSION).withKind(Rollout.KIND)
                .withName(rollout.getMetadata().getName()).withUid(rollout.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build())
        .endMetadata()
        .withSpec(canary.getSpec())
        .build();
    Ingress live = client.network().v1().ingresses().inNamespace(ns).withName(name(rollout, nginx)).get();
    if (live != null && live.getMetadata().getAnnotations() != null
        && annotations.equals(live.getMetadata().getAnnotations()) && canary.getSpec().equals(live.getSpec())) {
      return Optional.empty();
    }
    client.network().v1().ingresses().inNamespace(ns).resource(desired)
        .fieldManager(ReplicaSets.FIELD_MANAGER).forceConflicts().serverSideApply();
    return Optional.empty();
  }

  private static boolean redirect(IngressBackend backend, String stableService, String canaryService) {
    if (backend == null || backend.getService() == null || !stableService.equals(backend.getService().getName())) {
      return false;
    }
    backend.getService().setName(canaryService);
    return true;
  }
}
