package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PauseCondition {
  /** CanaryPauseStep, BlueGreenPause, PausedByOperator or InconclusiveAnalysis. */
  public String reason;
  public String startTime;
}
