package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.rollouts.runtime.RolloutRequest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A canary routed through a Gateway API HTTPRoute that the same Application declares, through
 * the controller's engine and its Rollout reconciler on the real API server: the rollout sets
 * the backendRefs' weights under its own field manager, syncs of the Application (self-heal, and
 * an apply of the route for another Git edit) keep them, promotion returns them to 100/0 and
 * gives the fields back, and a later Git edit of the route's rules applies.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RolloutHttpRouteTest extends ControllerTestBase {
  private static final ResourceDefinitionContext ROUTES = new ResourceDefinitionContext.Builder()
      .withGroup("gateway.networking.k8s.io").withVersion("v1").withKind("HTTPRoute").withPlural("httproutes")
      .withNamespaced(true).build();

  private static final String SERVICES = """
      apiVersion: v1
      kind: Service
      metadata: {name: web-stable}
      spec:
        selector: {app: web}
        ports: [{port: 80, protocol: TCP}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web-canary}
      spec:
        selector: {app: web}
        ports: [{port: 80, protocol: TCP}]
      """;

  @BeforeAll
  static void httpRouteCrd() throws Exception {
    CustomResourceDefinition crd;
    try (InputStream in = RolloutHttpRouteTest.class.getResourceAsStream("/crds/httproutes.gateway.networking.k8s.io.yaml")) {
      crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    }
    client.resource(crd).fieldManager("keelson-test").forceConflicts().serverSideApply();
    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
        .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
            && c.getStatus().getConditions().stream()
                .anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
            60, TimeUnit.SECONDS);
  }

  private static String route(String hostname, String path) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web}
        spec:
          parentRefs: [{name: gateway}]
          hostnames: ["%s"]
          rules:
          - matches: [{path: {type: PathPrefix, value: "%s"}}]
            backendRefs:
            - {name: web-stable, port: 80, weight: 100}
            - {name: web-canary, port: 80, weight: 0}
        """.formatted(hostname, path);
  }

  private static String rollout(String version) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "%s"}}
            spec: {containers: [{name: web, image: "example.com/web:%s"}]}
          strategy:
            canary:
              canaryService: web-canary
              stableService: web-stable
              scaleDownDelaySeconds: 1
              trafficRouting:
                plugins:
                  argoproj-labs/gatewayAPI: {httpRoute: web}
              steps: [{setWeight: 30}, {pause: {}}, {setWeight: 60}, {pause: {}}]
        """.formatted(version, version);
  }

  private GenericKubernetesResource liveRoute() {
    return client.genericKubernetesResources(ROUTES).inNamespace(ns).withName("web").get();
  }

  private static Map<?, ?> spec(GenericKubernetesResource route) {
    return (Map<?, ?>) route.getAdditionalProperties().get("spec");
  }

  /** "service=weight" of the first rule's backendRefs. */
  private List<String> weights() {
    GenericKubernetesResource route = liveRoute();
    if (route == null) return List.of();
    Map<?, ?> rule = (Map<?, ?>) ((List<?>) spec(route).get("rules")).get(0);
    return ((List<?>) rule.get("backendRefs")).stream()
        .map(r -> ((Map<?, ?>) r).get("name") + "=" + ((Map<?, ?>) r).get("weight")).toList();
  }

  private void awaitWeights(int stable, int canary) {
    List<String> wanted = List.of("web-stable=" + stable, "web-canary=" + canary);
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> weights().equals(wanted));
  }

  private boolean heldByRollout() {
    return liveRoute().getMetadata().getManagedFields().stream()
        .anyMatch(m -> Rollout.FIELD_MANAGER.equals(m.getManager()));
  }

  private static boolean health(Application a, String status) {
    return a.getStatus() != null && a.getStatus().health != null && status.equals(a.getStatus().health.status);
  }

  private Rollout awaitRollout(java.util.function.Predicate<Rollout> condition) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
      Rollout r = client.resources(Rollout.class).inNamespace(ns).withName("web").get();
      return r != null && r.getStatus() != null && condition.test(r);
    });
    return client.resources(Rollout.class).inNamespace(ns).withName("web").get();
  }

  private void request(RolloutRequest.Action action) {
    String value = new RolloutRequest(action, "alice", Instant.now().toString()).toJson();
    RetryOnConflict.edit(client.resources(Rollout.class).inNamespace(ns).withName("web"), r -> {
      if (r.getMetadata().getAnnotations() == null) r.getMetadata().setAnnotations(new java.util.HashMap<>());
      r.getMetadata().getAnnotations().put(RolloutRequest.ANNOTATION, value);
      return r;
    });
  }

  @Test
  void theApplicationNeverRevertsTheWeightsItsRolloutOwnsAndGetsTheRouteBackAfterwards() throws Exception {
    repo.write("app/services.yaml", SERVICES);
    repo.write("app/route.yaml", route("web.example.com", "/"));
    repo.write("app/rollout.yaml", rollout("1"));
    String v1 = repo.commit("web 1");
    createApp(Manifests.application("shop", ns, repo.url(), "app", true, true, true, "1s"));
    awaitApp("shop", a -> syncedAt(a, v1) && health(a, "Healthy"));
    awaitWeights(100, 0);
    assertThat(heldByRollout()).isFalse();

    repo.write("app/rollout.yaml", rollout("2"));
    String v2 = repo.commit("web 2");
    awaitApp("shop", a -> syncedAt(a, v2) && health(a, "Suspended"));
    awaitRollout(r -> "Paused".equals(r.getStatus().phase) && Integer.valueOf(1).equals(r.getStatus().currentStepIndex));
    awaitWeights(70, 30);
    assertThat(heldByRollout()).isTrue();
    // the weights are the rollout's: the Application, self-healing every second, shows no drift
    assertThat(synced(app("shop"))).isTrue();

    // another edit of the route in Git is applied, and the apply keeps the rollout's weights
    repo.write("app/route.yaml", route("shop.example.com", "/"));
    String v3 = repo.commit("route: new hostname");
    awaitApp("shop", a -> syncedAt(a, v3));
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> List.of("shop.example.com").equals(spec(liveRoute()).get("hostnames")));
    assertThat(weights()).containsExactly("web-stable=70", "web-canary=30");

    request(RolloutRequest.Action.promote);
    awaitRollout(r -> "Paused".equals(r.getStatus().phase) && Integer.valueOf(3).equals(r.getStatus().currentStepIndex));
    awaitWeights(40, 60);
    assertThat(synced(app("shop"))).isTrue();

    request(RolloutRequest.Action.promote);
    Rollout done = awaitRollout(r -> "Healthy".equals(r.getStatus().phase)
        && r.getStatus().currentPodHash.equals(r.getStatus().stableRS));
    assertThat(done.getStatus().canaryWeight).isZero();
    awaitWeights(100, 0);
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> !heldByRollout());
    awaitApp("shop", a -> synced(a) && health(a, "Healthy"));

    // the route is the Application's again: a Git edit of its rules applies
    repo.write("app/route.yaml", route("shop.example.com", "/v2"));
    String v4 = repo.commit("route: /v2");
    awaitApp("shop", a -> syncedAt(a, v4));
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
      Map<?, ?> rule = (Map<?, ?>) ((List<?>) spec(liveRoute()).get("rules")).get(0);
      return rule.get("matches").toString().contains("/v2");
    });
    assertThat(weights()).containsExactly("web-stable=100", "web-canary=0");
  }
}
