package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** On abort, pin the owning Application to its last healthy revision until Git is fixed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OnAbort {
  public Boolean pinApplication;
}
