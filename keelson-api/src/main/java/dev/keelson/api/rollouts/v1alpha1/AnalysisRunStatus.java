package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisRunStatus {
  /** Pending, Running, Successful, Failed, Error or Inconclusive. */
  public String phase;
  public String message;
  public String startedAt;
  public List<MetricResult> metricResults = new ArrayList<>();
}
