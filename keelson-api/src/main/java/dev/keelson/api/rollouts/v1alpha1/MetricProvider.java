package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.Map;

/** Exactly one provider is set. The Job spec is kept as written and validated when the Job is created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricProvider {
  public WebMetric web;
  public PrometheusMetric prometheus;
  @PreserveUnknownFields
  @SchemaFrom(type = Object.class)
  public Map<String, Object> job;
}
