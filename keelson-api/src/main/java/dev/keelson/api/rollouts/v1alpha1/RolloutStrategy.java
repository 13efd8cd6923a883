package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Exactly one of canary and blueGreen. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStrategy {
  public CanaryStrategy canary;
  public BlueGreenStrategy blueGreen;
}
