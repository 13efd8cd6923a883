package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One answered operator request: what, who asked (the token), when, and the outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutRequestRecord {
  public String action;
  public String token;
  public String requestedBy;
  public String at;
  public String result;
}
