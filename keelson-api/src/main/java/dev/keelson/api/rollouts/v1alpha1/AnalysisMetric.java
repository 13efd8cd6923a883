package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.IntOrString;

/** Argo Rollouts' Metric; the conditions are CEL over {@code result}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisMetric {
  public String name;
  /** Between measurements, e.g. {@code 10s}; none: measured once. */
  public String interval;
  public String initialDelay;
  /** Measurements to take; 0 or none with an interval: until the analysis ends. */
  public IntOrString count;
  public String successCondition;
  public String failureCondition;
  public IntOrString failureLimit;
  public IntOrString inconclusiveLimit;
  public IntOrString consecutiveErrorLimit;
  public MetricProvider provider;
}
