package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A value for a template's argument, given by the rollout. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisRunArgument {
  public String name;
  public String value;
}
