package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A template's argument: a default value, or none when the rollout must give it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisArgument {
  public String name;
  public String value;
}
