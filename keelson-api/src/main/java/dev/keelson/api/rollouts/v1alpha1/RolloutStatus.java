package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Written by the controller only; Argo Rollouts' names where Argo has the field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStatus {
  public Long observedGeneration;
  /** Progressing, Paused, Healthy or Degraded. */
  public String phase;
  public String message;
  public Integer currentStepIndex;
  /** Pod template hash of the stable ReplicaSet. */
  public String stableRS;
  /** Pod template hash of the spec's template. */
  public String currentPodHash;
  public Integer replicas;
  public Integer updatedReplicas;
  public Integer readyReplicas;
  public Integer availableReplicas;
  /** Weight the canary has now (approximated by replicas without trafficRouting). */
  public Integer canaryWeight;
  /** Blue-green only: where the active and preview Services point. */
  public BlueGreenStatus blueGreen;
  /** Set when a step pauses: when, and why. */
  public List<PauseCondition> pauseConditions = new ArrayList<>();
  /** True after an abort (analysis failure or `keelson rollout abort`) until retried or changed. */
  public Boolean abort;
  public String abortedAt;
  /** Keelson's: since when the rollout waits for pods with this message unchanged (for progressDeadlineSeconds). */
  public String lastProgressAt;
  public String progressMessage;
  public List<Condition> conditions = new ArrayList<>();
  /** Operator requests answered, newest last: the audit trail of promote, abort, retry, pause, resume. */
  public List<RolloutRequestRecord> history = new ArrayList<>();
}
