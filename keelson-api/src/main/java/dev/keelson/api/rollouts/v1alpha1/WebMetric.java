package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebMetric {
  public String url;
  public String method;
  public List<WebMetricHeader> headers = new ArrayList<>();
  public String body;
  public Integer timeoutSeconds;
  /** JSONPath into the response, e.g. {@code {$.data.ok}}; none: the whole body. */
  public String jsonPath;
}
