package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusMetric {
  public String address;
  public String query;
  public String timeout;
}
