package dev.keelson.rollouts.runtime;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.rollouts.v1alpha1.WorkloadRef;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Optional;

/**
 * {@code spec.workloadRef} to an {@code apps/v1} Deployment (Argo Rollouts' field): the
 * Deployment's pod template (and its selector, unless the Rollout has one) is the rollout's, so
 * its ReplicaSets are {@code <rollout>-<hash>} as for an inline template and nothing is renamed.
 * With {@code scaleDown: onsuccess} Keelson scales the Deployment to zero once the rollout is
 * healthy, under its own field manager; {@code never} (the default) leaves it as it is;
 * {@code scaleDown: progressively} is refused with a message. An {@code apps/v1} StatefulSet is
 * not copied into ReplicaSets: its own rolling update is stepped ({@link StatefulSetCanary}).
 */
final class WorkloadRefs {
  /** A Rollout whose template and selector are filled from its Deployment, and that Deployment. */
  record Workload(Rollout rollout, Optional<Deployment> deployment, Optional<StatefulSet> statefulSet) {}

  private final KubernetesClient client;

  WorkloadRefs(KubernetesClient client) {
    this.client = client;
  }

  static boolean refersTo(Rollout rollout, Deployment deployment) {
    WorkloadRef ref = rollout.getSpec() == null ? null : rollout.getSpec().workloadRef;
    return ref != null && "Deployment".equals(ref.kind) && deployment.getMetadata().getName().equals(ref.name)
        && deployment.getMetadata().getNamespace().equals(rollout.getMetadata().getNamespace());
  }

  static boolean refersTo(Rollout rollout, StatefulSet sts) {
    WorkloadRef ref = rollout.getSpec() == null ? null : rollout.getSpec().workloadRef;
    return ref != null && "StatefulSet".equals(ref.kind) && sts.getMetadata().getName().equals(ref.name)
        && sts.getMetadata().getNamespace().equals(rollout.getMetadata().getNamespace());
  }

  /** @throws IllegalArgumentException naming the cause, for the Rollout's status */
  Workload resolve(Rollout rollout) {
    WorkloadRef ref = rollout.getSpec().workloadRef;
    if (ref == null) {
      if (rollout.getSpec().template == null || rollout.getSpec().selector == null) {
        throw new IllegalArgumentException("spec.template and spec.selector (or spec.workloadRef) are required");
      }
      return new Workload(rollout, Optional.empty(), Optional.empty());
    }
    if (rollout.getSpec().template != null) {
      throw new IllegalArgumentException("spec.template and spec.workloadRef are exclusive");
    }
    if (!("Deployment".equals(ref.kind) || "StatefulSet".equals(ref.kind))
        || (ref.apiVersion != null && !"apps/v1".equals(ref.apiVersion))) {
      throw new IllegalArgumentException("spec.workloadRef: an apps/v1 Deployment or StatefulSet, not "
          + ref.apiVersion + " " + ref.kind);
    }
    scaleDownMode(ref);
    if (ref.name == null) throw new IllegalArgumentException("spec.workloadRef.name is required");
    var serialization = client.getKubernetesSerialization();
    if ("StatefulSet".equals(ref.kind)) {
      if (ref.scaleDown != null && !"never".equals(ref.scaleDown)) {
        throw new IllegalArgumentException("spec.workloadRef.scaleDown: a StatefulSet runs the pods itself (never only)");
      }
      StatefulSet sts = client.apps().statefulSets().inNamespace(rollout.getMetadata().getNamespace())
          .withName(ref.name).get();
      if (sts == null) throw new IllegalArgumentException("spec.workloadRef: StatefulSet " + ref.name + " not found");
      StatefulSetCanary.refusal(sts).ifPresent(why -> {
        throw new IllegalArgumentException(why);
      });
      Rollout copy = serialization.clone(rollout);
      copy.getSpec().template = serialization.clone(sts.getSpec().getTemplate());
      copy.getSpec().selector = sts.getSpec().getSelector();
      copy.getSpec().replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
      return new Workload(copy, Optional.empty(), Optional.of(sts));
    }
    Deployment d = client.apps().deployments().inNamespace(rollout.getMetadata().getNamespace()).withName(ref.name).get();
    if (d == null) throw new IllegalArgumentException("spec.workloadRef: Deployment " + ref.name + " not found");
    Rollout copy = serialization.clone(rollout);
    copy.getSpec().template = serialization.clone(d.getSpec().getTemplate());
    if (copy.getSpec().selector == null) copy.getSpec().selector = d.getSpec().getSelector();
    return new Workload(copy, Optional.of(d), Optional.empty());
  }

  /** Once the rollout is healthy: the Deployment to zero when {@code scaleDown: onsuccess}. */
  void afterSuccess(Rollout rollout, Workload workload) {
    if (workload.deployment().isEmpty() || !scaleDownMode(rollout.getSpec().workloadRef).equals("onsuccess")) return;
    Deployment d = workload.deployment().get();
    Integer replicas = d.getSpec().getReplicas();
    if (replicas != null && replicas == 0) return;
    client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(ReplicaSets.FIELD_MANAGER)
            .build(), "{\"spec\":{\"replicas\":0}}");
  }

  private static String scaleDownMode(WorkloadRef ref) {
    String mode = ref.scaleDown == null ? "never" : ref.scaleDown;
    if (!mode.equals("never") && !mode.equals("onsuccess")) {
      throw new IllegalArgumentException("spec.workloadRef.scaleDown: never or onsuccess (" + mode
          + " is not supported yet)");
    }
    return mode;
  }
}
