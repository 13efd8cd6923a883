package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** Templates to run as one AnalysisRun, with the arguments passed to them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutAnalysis {
  public List<AnalysisTemplateRef> templates = new ArrayList<>();
  public List<AnalysisRunArgument> args = new ArrayList<>();
  /** Background analysis only: the step index from which it runs. */
  public Integer startingStep;
}
