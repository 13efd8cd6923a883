package dev.keelson.rollouts.runtime;

import dev.keelson.api.rollouts.v1alpha1.Rollout;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The ReplicaSets a Rollout owns: created per pod template hash, scaled, and marked for scale-down. */
final class ReplicaSets {
  static final String FIELD_MANAGER = Rollout.FIELD_MANAGER;
  /** On an old ReplicaSet: when it is scaled to zero (Argo's scale-down-deadline, under Keelson's prefix). */
  static final String SCALE_DOWN_DEADLINE = "rollouts.keelson.dev/scale-down-deadline";

  private final KubernetesClient client;

  ReplicaSets(KubernetesClient client) {
    this.client = client;
  }

  static String name(Rollout rollout, String hash) {
    return rollout.getMetadata().getName() + "-" + hash;
  }

  static Optional<String> hashOf(ReplicaSet rs) {
    var labels = rs.getMetadata().getLabels();
    return Optional.ofNullable(labels == null ? null : labels.get(Rollout.POD_TEMPLATE_HASH_LABEL));
  }

  /** Creates the template's ReplicaSet with no replicas when it does not exist yet. */
  ReplicaSet ensure(Rollout rollout, String hash, Optional<ReplicaSet> existing) {
    if (existing.isPresent()) return existing.get();
    PodTemplateSpec template = client.getKubernetesSerialization().clone(rollout.getSpec().template);
    Map<String, String> labels = new HashMap<>(
        template.getMetadata() == null || template.getMetadata().getLabels() == null
            ? Map.of() : template.getMetadata().getLabels());
    labels.put(Rollout.POD_TEMPLATE_HASH_LABEL, hash);
    if (template.getMetadata() == null) template.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    template.getMetadata().setLabels(labels);
    LabelSelector selector = new LabelSelectorBuilder(rollout.getSpec().selector)
        .addToMatchLabels(Rollout.POD_TEMPLATE_HASH_LABEL, hash).build();
    ReplicaSet rs = new ReplicaSetBuilder()
        .withNewMetadata()
            .withName(name(rollout, hash))
            .withNamespace(rollout.getMetadata().getNamespace())
            .withLabels(labels)
            .withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion(Rollout.API_VERSION).withKind(Rollout.KIND)
                .withName(rollout.getMetadata().getName()).withUid(rollout.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build())
        .endMetadata()
        .withNewSpec()
            .withReplicas(0)
            .withMinReadySeconds(rollout.getSpec().minReadySeconds)
            .withSelector(selector)
            .withTemplate(template)
        .endSpec()
        .build();
    try {
      return client.resource(rs).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e;
      // created by an earlier pass the cache has not shown yet
      return client.apps().replicaSets().inNamespace(rollout.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).get();
    }
  }

  /** Sets spec.replicas, and the scale-down deadline annotation (null removes it), when they differ. */
  void scale(ReplicaSet rs, int replicas, Instant deadline) {
    String current = rs.getMetadata().getAnnotations() == null ? null : rs.getMetadata().getAnnotations().get(SCALE_DOWN_DEADLINE);
    String wanted = deadline == null ? null : deadline.toString();
    Integer now = rs.getSpec().getReplicas();
    if (now != null && now == replicas && java.util.Objects.equals(current, wanted)) return;
    String annotation = wanted == null ? "null" : "\"" + wanted + "\"";
    String patch = "{\"metadata\":{\"annotations\":{\"" + SCALE_DOWN_DEADLINE + "\":" + annotation + "}},"
        + "\"spec\":{\"replicas\":" + replicas + "}}";
    client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName())
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(FIELD_MANAGER).build(),
            patch);
  }

  static Optional<Instant> deadline(ReplicaSet rs) {
    var a = rs.getMetadata().getAnnotations();
    String v = a == null ? null : a.get(SCALE_DOWN_DEADLINE);
    return v == null ? Optional.empty() : Optional.of(Instant.parse(v));
  }

  static int desired(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }

  static int available(ReplicaSet rs) {
    return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0 : rs.getStatus().getAvailableReplicas();
  }
}
