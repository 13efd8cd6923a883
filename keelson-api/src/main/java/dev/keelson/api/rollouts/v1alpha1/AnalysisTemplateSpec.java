package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisTemplateSpec {
  public List<AnalysisArgument> args = new ArrayList<>();
  public List<AnalysisMetric> metrics = new ArrayList<>();
}
