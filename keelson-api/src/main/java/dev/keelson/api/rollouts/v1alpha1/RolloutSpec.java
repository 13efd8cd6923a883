package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/** Argo Rollouts' RolloutSpec field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutSpec {
  public Integer replicas;
  public LabelSelector selector;
  @PreserveUnknownFields
  // kept as written, as Argo Rollouts' CRD does, instead of inlining the whole PodSpec schema; the API
  // server validates the template when the ReplicaSet is created
  @SchemaFrom(type = Object.class)
  public PodTemplateSpec template;
  public WorkloadRef workloadRef;
  public Integer minReadySeconds;
  public Integer revisionHistoryLimit;
  /** Set by a user (or `keelson rollout pause`): no step advances while true. */
  public Boolean paused;
  public Integer progressDeadlineSeconds;
  public RolloutStrategy strategy;
  /** Beyond Argo Rollouts: what happens to the owning Application when the rollout aborts. */
  public OnAbort onAbort;
}
