package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One step; exactly one field is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStep {
  public Integer setWeight;
  public RolloutPause pause;
  public RolloutAnalysis analysis;
  public SetCanaryScale setCanaryScale;
}
