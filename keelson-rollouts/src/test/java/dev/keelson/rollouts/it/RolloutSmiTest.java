package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.runtime.RolloutRequest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Canary with SMI traffic routing against the real API server (the TrafficSplit CRD installed
 * by the test): the rollout makes and owns the TrafficSplit and steps its backends' weights;
 * abort and promotion give the stable Service everything again.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RolloutSmiTest extends RolloutTestBase {
  private static final ResourceDefinitionContext SPLITS = new ResourceDefinitionContext.Builder()
      .withGroup("split.smi-spec.io").withVersion("v1alpha1").withKind("TrafficSplit").withPlural("trafficsplits")
      .withNamespaced(true).build();

  private static final String ROLLOUT = """
      apiVersion: keelson.dev/v1alpha1
      kind: Rollout
      metadata:
        name: web
        annotations: {"keelson.dev/tracking-id": "shop:keelson.dev/Rollout:web"}
        labels: {"keelson.dev/app": "shop"}
      spec:
        replicas: 4
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
            annotations: {version: "1"}
          spec:
            containers:
            - name: web
              image: example.com/web:1
        strategy:
          canary:
            canaryService: web-canary
            stableService: web-stable
            scaleDownDelaySeconds: 1
            trafficRouting:
              smi: {rootService: web, trafficSplitName: web-split}
            steps:
            - setWeight: 20
            - pause: {}
            - setWeight: 50
            - pause: {}
      """;

  @BeforeAll
  static void smiCrd() throws Exception {
    installTestCrd("/crds/trafficsplits.split.smi-spec.io.yaml");
  }

  private Optional<GenericKubernetesResource> split() {
    return Optional.ofNullable(client.genericKubernetesResources(SPLITS).inNamespace(ns).withName("web-split").get());
  }

  /** canary and stable weight, in the order Argo Rollouts writes the backends. */
  private List<Object> weights() {
    return split().map(s -> (Map<?, ?>) s.getAdditionalProperties().get("spec"))
        .map(spec -> ((List<?>) spec.get("backends")).stream()
            .map(b -> (Object) (((Map<?, ?>) b).get("service") + "=" + ((Map<?, ?>) b).get("weight"))).toList())
        .orElse(List.of());
  }

  private void awaitWeights(int canary) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> weights().equals(List.of("web-canary=" + canary, "web-stable=" + (100 - canary))));
  }

  private void startCanary() {
    service("web-stable", Map.of("app", "web"));
    service("web-canary", Map.of("app", "web"));
    create(ROLLOUT);
  }

  @Test
  void theRolloutOwnsTheTrafficSplitAndStepsItsWeights() {
    startCanary();
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    awaitWeights(0);
    GenericKubernetesResource split = split().orElseThrow();
    assertThat(split.getApiVersion()).isEqualTo("split.smi-spec.io/v1alpha1");
    assertThat(((Map<?, ?>) split.getAdditionalProperties().get("spec")).get("service")).isEqualTo("web");
    assertThat(split.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("Rollout"))
        .satisfies(o -> assertThat(o.getController()).isTrue());
    assertThat(split.getMetadata().getManagedFields())
        .anySatisfy(m -> assertThat(m.getManager()).isEqualTo(Rollout.FIELD_MANAGER));
    assertThat(split.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(split.getMetadata().getAnnotations()).isNullOrEmpty();

    setVersion("web", "2");
    String v2 = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex)).getStatus().currentPodHash;
    awaitWeights(20);
    assertThat(rollout("web").getStatus().canaryWeight).isEqualTo(20);
    // the router carries the weight: the stable keeps every replica
    assertThat(replicaSet("web", v1).getSpec().getReplicas()).isEqualTo(4);
    assertThat(replicaSet("web", v2).getSpec().getReplicas()).isEqualTo(1);

    request("web", RolloutRequest.Action.promote);
    awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(3).equals(r.getStatus().currentStepIndex));
    awaitWeights(50);

    request("web", RolloutRequest.Action.promote);
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRS));
    awaitWeights(0);
    assertThat(selectorHash("web-stable")).isEqualTo(v2);
    awaitReplicas("web", v1, 0);
  }

  @Test
  void anAbortGivesTheStableEverythingAtOnce() {
    startCanary();
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    setVersion("web", "bad");
    String v2 = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex)).getStatus().currentPodHash;
    awaitWeights(20);

    request("web", RolloutRequest.Action.abort);
    awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    awaitWeights(0);
    awaitReplicas("web", v2, 0);
    assertThat(replicaSet("web", v1).getSpec().getReplicas()).isEqualTo(4);
  }

  @Test
  void aTrafficSplitTheRolloutDoesNotControlIsLeftAlone() {
    GenericKubernetesResource other = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
        .withApiVersion("split.smi-spec.io/v1alpha1").withKind("TrafficSplit")
        .withNewMetadata().withName("web-split").endMetadata().build();
    other.setAdditionalProperty("spec", Map.of("service", "web",
        "backends", List.of(Map.of("service", "web-stable", "weight", 100))));
    client.genericKubernetesResources(SPLITS).inNamespace(ns).resource(other).create();
    startCanary();
    Rollout r = awaitRollout("web", x -> x.getStatus().message != null
        && x.getStatus().message.contains("TrafficSplit web-split exists and is not controlled by this Rollout"));
    assertThat(r.getStatus().message).contains("web-split");
    assertThat(weights()).containsExactly("web-stable=100");
  }

  @Test
  void setCanaryScaleSizesTheCanaryApartFromItsWeight() {
    service("web-stable", Map.of("app", "web"));
    service("web-canary", Map.of("app", "web"));
    create(ROLLOUT.replace("- setWeight: 20\n      - pause: {}\n      - setWeight: 50\n      - pause: {}\n",
        "- setCanaryScale: {replicas: 3}\n      - setWeight: 10\n      - pause: {}\n"
            + "      - setCanaryScale: {matchTrafficWeight: true}\n      - pause: {}\n"));
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase));
    setVersion("web", "2");
    String v2 = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(2).equals(r.getStatus().currentStepIndex)).getStatus().currentPodHash;
    // three canary pods get 10% of the traffic
    assertThat(replicaSet("web", v2).getSpec().getReplicas()).isEqualTo(3);
    awaitWeights(10);

    request("web", RolloutRequest.Action.promote);
    awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(4).equals(r.getStatus().currentStepIndex));
    // matchTrafficWeight: back to the weight's share, ceil(10% of 4)
    awaitReplicas("web", v2, 1);
    awaitWeights(10);
  }
}
