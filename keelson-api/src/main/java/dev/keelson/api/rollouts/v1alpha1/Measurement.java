package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Measurement {
  public String phase;
  public String value;
  public String message;
  public String startedAt;
  public String finishedAt;
}
