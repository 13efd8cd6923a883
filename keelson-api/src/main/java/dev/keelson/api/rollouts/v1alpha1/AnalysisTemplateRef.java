package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisTemplateRef {
  public String templateName;
  /** A ClusterAnalysisTemplate instead of an AnalysisTemplate in the rollout's namespace. */
  public Boolean clusterScope;
}
