package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SetCanaryScale {
  public Integer replicas;
  public Integer weight;
  public Boolean matchTrafficWeight;
}
