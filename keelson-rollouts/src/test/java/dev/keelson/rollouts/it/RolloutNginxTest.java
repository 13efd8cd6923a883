package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.runtime.RolloutRequest;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Canary with NGINX traffic routing against the real API server: the weight goes to a canary
 * Ingress the rollout owns, the stable keeps every replica, and abort or promotion take the
 * weight back to zero.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RolloutNginxTest extends RolloutTestBase {
  private static final String ROLLOUT = """
      apiVersion: keelson.dev/v1alpha1
      kind: Rollout
      metadata:
        name: web
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
              nginx:
                stableIngress: web
                additionalIngressAnnotations: {canary-by-header: X-Canary}
            steps:
            - setWeight: 20
            - pause: {}
      """;

  private void stableIngress() {
    client.network().v1().ingresses().inNamespace(ns).resource(new IngressBuilder()
        .withNewMetadata().withName("web")
            .withAnnotations(Map.of("kubernetes.io/ingress.class", "nginx",
                "keelson.dev/tracking-id", ns + "/shop:networking.k8s.io/Ingress:" + ns + "/web"))
            .withLabels(Map.of("keelson.dev/app", ns + ".shop"))
        .endMetadata()
        .withNewSpec().addNewRule().withHost("web.example.com").withNewHttp().addNewPath().withPath("/")
            .withPathType("Prefix").withNewBackend().withNewService().withName("web-stable").withNewPort()
            .withNumber(80).endPort().endService().endBackend().endPath().endHttp().endRule().endSpec()
        .build()).create();
  }

  private Optional<Ingress> canaryIngress() {
    return Optional.ofNullable(client.network().v1().ingresses().inNamespace(ns).withName("web-web-canary").get());
  }

  private String weight() {
    return canaryIngress().map(i -> i.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/canary-weight"))
        .orElse(null);
  }

  @Test
  void theWeightGoesToTheCanaryIngressWhileTheStableKeepsEveryReplica() {
    service("web-stable", Map.of("app", "web"));
    service("web-canary", Map.of("app", "web"));
    stableIngress();
    create(ROLLOUT);
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    await().atMost(TIMEOUT).until(() -> "0".equals(weight()));

    setVersion("web", "2");
    Rollout paused = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex));
    String v2 = paused.getStatus().currentPodHash;
    assertThat(paused.getStatus().canaryWeight).isEqualTo(20);
    assertThat(replicaSet("web", v2).getSpec().getReplicas()).isEqualTo(1);
    assertThat(replicaSet("web", v1).getSpec().getReplicas()).isEqualTo(4);
    Ingress canary = canaryIngress().orElseThrow();
    assertThat(canary.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/canary", "true")
        .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "20")
        .containsEntry("canary-by-header", "X-Canary")
        .containsEntry("kubernetes.io/ingress.class", "nginx")
        .doesNotContainKey("keelson.dev/tracking-id");
    assertThat(canary.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(canary.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("Rollout"));
    assertThat(canary.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
        .isEqualTo("web-canary");
    assertThat(selectorHash("web-canary")).isEqualTo(v2);
    assertThat(selectorHash("web-stable")).isEqualTo(v1);
    // the stable Ingress, the Application's, is left as it was
    assertThat(client.network().v1().ingresses().inNamespace(ns).withName("web").get().getSpec().getRules().get(0)
        .getHttp().getPaths().get(0).getBackend().getService().getName()).isEqualTo("web-stable");

    request("web", RolloutRequest.Action.promote);
    awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRS));
    assertThat(selectorHash("web-stable")).isEqualTo(v2);
    await().atMost(TIMEOUT).until(() -> "0".equals(weight()));
    awaitReplicas("web", v1, 0);
  }

  @Test
  void anAbortTakesTheWeightBackAtOnce() {
    service("web-stable", Map.of("app", "web"));
    service("web-canary", Map.of("app", "web"));
    stableIngress();
    create(ROLLOUT);
    String v1 = awaitRollout("web", r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    setVersion("web", "bad");
    String v2 = awaitRollout("web", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex)).getStatus().currentPodHash;
    assertThat(weight()).isEqualTo("20");

    request("web", RolloutRequest.Action.abort);
    awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    await().atMost(TIMEOUT).until(() -> "0".equals(weight()));
    awaitReplicas("web", v2, 0);
    assertThat(replicaSet("web", v1).getSpec().getReplicas()).isEqualTo(4);
  }

  @Test
  void anotherProviderIsRefusedByName() {
    create(ROLLOUT.replace("        nginx:\n          stableIngress: web\n"
        + "          additionalIngressAnnotations: {canary-by-header: X-Canary}\n", "        istio: {virtualService: {name: web}}\n"));
    Rollout refused = awaitRollout("web", r -> "Degraded".equals(r.getStatus().phase));
    assertThat(refused.getStatus().message).contains("trafficRouting.istio is not supported yet");
  }
}
