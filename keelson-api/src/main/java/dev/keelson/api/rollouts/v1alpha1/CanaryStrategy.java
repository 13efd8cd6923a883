package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.Map;

/** Argo Rollouts' CanaryStrategy field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStrategy {
  public String canaryService;
  public String stableService;
  public IntOrString maxSurge;
  public IntOrString maxUnavailable;
  public Integer scaleDownDelaySeconds;
  public List<CanaryStep> steps = new ArrayList<>();
  /** Background analysis, run from the first step until promotion. */
  public RolloutAnalysis analysis;
  @PreserveUnknownFields
  @SchemaFrom(type = Object.class)
  public Map<String, Object> trafficRouting;
}
