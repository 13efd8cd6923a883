package dev.keelson.rollouts.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.rollouts.runtime.RolloutRequest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A canary of a workloadRef StatefulSet on the real API server: kube-controller-manager's
 * StatefulSet controller updates the pods past the partition the rollout sets, the node
 * simulator runs them; an abort recreates the updated pods at the stable revision.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RolloutStatefulSetTest extends RolloutTestBase {
  private static final String ROLLOUT = """
      apiVersion: keelson.dev/v1alpha1
      kind: Rollout
      metadata: {name: db}
      spec:
        workloadRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
        strategy:
          canary:
            steps: [{setWeight: 25}, {pause: {}}, {setWeight: 50}, {pause: {}}]
      """;

  private void statefulSet() {
    client.apps().statefulSets().inNamespace(ns).resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 4
          serviceName: db
          podManagementPolicy: Parallel
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}, annotations: {version: "1"}}
            spec: {containers: [{name: db, image: example.com/db:1}]}
        """, StatefulSet.class)).create();
  }

  private StatefulSet sts() {
    return client.apps().statefulSets().inNamespace(ns).withName("db").get();
  }

  private Integer partition() {
    var s = sts().getSpec().getUpdateStrategy();
    return s == null || s.getRollingUpdate() == null ? null : s.getRollingUpdate().getPartition();
  }

  private void setVersion(String version) {
    RetryOnConflict.edit(client.apps().statefulSets().inNamespace(ns).withName("db"), s -> {
      s.getSpec().getTemplate().getMetadata().getAnnotations().put("version", version);
      return s;
    });
  }

  /** pod name to its revision, for the running, ready pods. */
  private Map<String, String> readyRevisions() {
    Map<String, String> out = new TreeMap<>();
    for (Pod p : client.pods().inNamespace(ns).withLabel("app", "db").list().getItems()) {
      boolean ready = p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
          && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
              .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
      if (ready) out.put(p.getMetadata().getName(), p.getMetadata().getLabels().get("controller-revision-hash"));
    }
    return out;
  }

  private void awaitPods(Map<String, String> revisions) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> readyRevisions().equals(revisions));
  }

  private String startAtVersion2() {
    statefulSet();
    create(ROLLOUT);
    Rollout healthy = awaitRollout("db", r -> "Healthy".equals(r.getStatus().phase));
    String v1 = healthy.getStatus().stableRS;
    assertThat(v1).isEqualTo(sts().getStatus().getCurrentRevision());
    // between rollouts the partition holds every pod, so a new template waits for the first step
    await().atMost(TIMEOUT).until(() -> Integer.valueOf(4).equals(partition()));
    awaitPods(Map.of("db-0", v1, "db-1", v1, "db-2", v1, "db-3", v1));
    setVersion("2");
    return v1;
  }

  @Test
  void theCanaryStepsThroughThePartition() {
    String v1 = startAtVersion2();
    Rollout step1 = awaitRollout("db", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex));
    String v2 = step1.getStatus().currentPodHash;
    assertThat(v2).isEqualTo(sts().getStatus().getUpdateRevision()).isNotEqualTo(v1);
    assertThat(step1.getStatus().stableRS).isEqualTo(v1);
    assertThat(partition()).isEqualTo(3);
    awaitPods(Map.of("db-0", v1, "db-1", v1, "db-2", v1, "db-3", v2));

    request("db", RolloutRequest.Action.promote);
    awaitRollout("db", r -> "Paused".equals(r.getStatus().phase) && Integer.valueOf(3).equals(r.getStatus().currentStepIndex));
    assertThat(partition()).isEqualTo(2);
    awaitPods(Map.of("db-0", v1, "db-1", v1, "db-2", v2, "db-3", v2));

    request("db", RolloutRequest.Action.promote);
    awaitRollout("db", r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRS));
    awaitPods(Map.of("db-0", v2, "db-1", v2, "db-2", v2, "db-3", v2));
    assertThat(sts().getStatus().getCurrentRevision()).isEqualTo(v2);
    await().atMost(TIMEOUT).until(() -> Integer.valueOf(4).equals(partition()));
  }

  @Test
  void anAbortRecreatesTheUpdatedPodsAtTheStableRevision() {
    String v1 = startAtVersion2();
    String v2 = awaitRollout("db", r -> "Paused".equals(r.getStatus().phase)
        && Integer.valueOf(1).equals(r.getStatus().currentStepIndex)).getStatus().currentPodHash;
    awaitPods(Map.of("db-0", v1, "db-1", v1, "db-2", v1, "db-3", v2));

    request("db", RolloutRequest.Action.abort);
    awaitRollout("db", r -> "Degraded".equals(r.getStatus().phase));
    awaitPods(Map.of("db-0", v1, "db-1", v1, "db-2", v1, "db-3", v1));
    assertThat(partition()).isEqualTo(4);
    // the template stays what was asked for; the partition keeps it from every pod
    assertThat(sts().getStatus().getUpdateRevision()).isEqualTo(v2);
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> client.v1().events().inNamespace(ns)
        .list().getItems().stream().anyMatch(e -> "StatefulSetRolledBack".equals(e.getReason())));
  }
}
