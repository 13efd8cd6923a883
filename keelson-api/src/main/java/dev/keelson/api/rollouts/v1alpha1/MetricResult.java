package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricResult {
  public String name;
  public String phase;
  public String message;
  public Integer count;
  public Integer successful;
  public Integer failed;
  public Integer inconclusive;
  public Integer error;
  public Integer consecutiveError;
  public List<Measurement> measurements = new ArrayList<>();
}
