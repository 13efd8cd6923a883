package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An existing Deployment or StatefulSet whose pod template the rollout takes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadRef {
  public String apiVersion;
  public String kind;
  public String name;
  /** never, onsuccess or progressively, as in Argo Rollouts. */
  public String scaleDown;
}
