package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** spec.workloadRef to a Deployment: its template is rolled out by the Rollout, and it is scaled to zero on success. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RolloutWorkloadRefTest extends RolloutTestBase {

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(ns).withName("web").get();
  }

  @Test
  void rollsOutTheDeploymentsTemplateAndScalesItDown() {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "1"}}
            spec: {containers: [{name: web, image: example.com/web:1}]}
        """, Deployment.class)).inNamespace(ns).create();
    create("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web-rollout, annotations: {}}
        spec:
          replicas: 3
          workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web, scaleDown: onsuccess}
          strategy:
            canary:
              steps:
              - setWeight: 50
              - pause: {}
        """);
    Rollout first = awaitRollout("web-rollout", r -> "Healthy".equals(r.getStatus().phase));
    String v1 = first.getStatus().stableRS;
    // the Rollout's own ReplicaSet, named after the Rollout; the Deployment keeps its name
    assertThat(replicaSet("web-rollout", v1).getSpec().getReplicas()).isEqualTo(3);
    assertThat(replicaSet("web-rollout", v1).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("version", "1");
    await().atMost(TIMEOUT).until(() -> deployment().getSpec().getReplicas() == 0);

    // a new template in the Deployment is a canary of the Rollout
    RetryOnConflict.edit(client.apps().deployments().inNamespace(ns).withName("web"), d -> {
      d.getSpec().getTemplate().getMetadata().getAnnotations().put("version", "2");
      return d;
    });
    Rollout paused = awaitRollout("web-rollout", r -> "Paused".equals(r.getStatus().phase));
    assertThat(paused.getStatus().currentPodHash).isNotEqualTo(v1);
    assertThat(replicaSet("web-rollout", paused.getStatus().currentPodHash).getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment().getSpec().getReplicas()).isZero();
  }

  @Test
  void anotherKindIsRefusedWithAMessage() {
    create("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: db, annotations: {}}
        spec:
          workloadRef: {apiVersion: apps/v1, kind: DaemonSet, name: db}
          strategy: {canary: {steps: [{setWeight: 50}]}}
        """);
    Rollout refused = awaitRollout("db", r -> "Degraded".equals(r.getStatus().phase));
    assertThat(refused.getStatus().message).contains("an apps/v1 Deployment or StatefulSet").contains("DaemonSet");
  }
}
