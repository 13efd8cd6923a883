package dev.keelson.rollouts.runtime;

import dev.keelson.rollouts.canary.ReplicaCounts;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Optional;

/**
 * A canary of a {@code workloadRef} StatefulSet, stepped through its own rolling update: the
 * StatefulSet controller updates the pods whose ordinal is at least
 * {@code spec.updateStrategy.rollingUpdate.partition}, so a weight {@code w} is the partition
 * {@code replicas - ceil(w * replicas / 100)}. The canary is the StatefulSet's
 * {@code status.updateRevision}, the stable its {@code status.currentRevision}; the pods carry
 * them in {@code controller-revision-hash}. Between rollouts the partition is held at
 * {@code replicas}, so a new template in Git updates no pod until the first step. The partition
 * is written under the rollout's field manager, which the Application then never reverts.
 */
final class StatefulSetCanary {
  static final String REVISION_LABEL = "controller-revision-hash";

  /** The StatefulSet's revisions and pods, as the step machine counts them. */
  record Observed(String stable, String canary, int replicas, int partition, ReplicaCounts canaryCounts,
      ReplicaCounts stableCounts) {
    boolean rollingOut() {
      return !stable.equals(canary);
    }
  }

  private final KubernetesClient client;

  StatefulSetCanary(KubernetesClient client) {
    this.client = client;
  }

  /** @return empty until the StatefulSet controller has reported both revisions */
  Optional<Observed> observe(StatefulSet sts) {
    var status = sts.getStatus();
    if (status == null || status.getCurrentRevision() == null || status.getUpdateRevision() == null) {
      return Optional.empty();
    }
    int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    int partition = partition(sts).orElse(0);
    List<Pod> pods = client.pods().inNamespace(sts.getMetadata().getNamespace())
        .withLabelSelector(sts.getSpec().getSelector()).list().getItems();
    String stable = status.getCurrentRevision();
    String canary = status.getUpdateRevision();
    int canaryReady = ready(pods, canary);
    int stableReady = ready(pods, stable);
    if (stable.equals(canary)) {
      return Optional.of(new Observed(stable, canary, replicas, partition, new ReplicaCounts(replicas, canaryReady),
          new ReplicaCounts(replicas, stableReady)));
    }
    int bound = Math.min(partition, replicas);
    return Optional.of(new Observed(stable, canary, replicas, partition, new ReplicaCounts(replicas - bound, canaryReady),
        new ReplicaCounts(bound, stableReady)));
  }

  /** The pods at or past this ordinal take the update revision; written only when it differs. */
  void setPartition(StatefulSet sts, int partition) {
    if (partition(sts).filter(p -> p == partition).isPresent()) return;
    client.apps().statefulSets().inNamespace(sts.getMetadata().getNamespace()).withName(sts.getMetadata().getName())
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(ReplicaSets.FIELD_MANAGER)
            .build(), "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":" + partition + "}}}}");
  }

  /**
   * An abort: with the partition at replicas no pod moves to the update revision, and the pods that
   * already run it are deleted, so the StatefulSet controller recreates them (same names, same
   * volumes) at the current revision. The template in Git is left as it is.
   *
   * @return how many pods were deleted
   */
  int rollBack(StatefulSet sts, Observed observed) {
    setPartition(sts, observed.replicas());
    int deleted = 0;
    for (Pod pod : client.pods().inNamespace(sts.getMetadata().getNamespace())
        .withLabelSelector(sts.getSpec().getSelector()).list().getItems()) {
      if (pod.getMetadata().getDeletionTimestamp() != null) continue;
      if (!observed.canary().equals(label(pod))) continue;
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
      deleted++;
    }
    return deleted;
  }

  static Optional<Integer> partition(StatefulSet sts) {
    var strategy = sts.getSpec().getUpdateStrategy();
    if (strategy == null || strategy.getRollingUpdate() == null) return Optional.empty();
    return Optional.ofNullable(strategy.getRollingUpdate().getPartition());
  }

  /** The StatefulSet can be stepped: a RollingUpdate (the default), not OnDelete. */
  static Optional<String> refusal(StatefulSet sts) {
    var strategy = sts.getSpec().getUpdateStrategy();
    if (strategy != null && strategy.getType() != null && !"RollingUpdate".equals(strategy.getType())) {
      return Optional.of("spec.workloadRef: StatefulSet " + sts.getMetadata().getName()
          + " has updateStrategy " + strategy.getType() + "; a canary needs RollingUpdate");
    }
    return Optional.empty();
  }

  private static int ready(List<Pod> pods, String revision) {
    return (int) pods.stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> revision.equals(label(p)))
        .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
            .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .count();
  }

  private static String label(Pod pod) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL);
  }
}
