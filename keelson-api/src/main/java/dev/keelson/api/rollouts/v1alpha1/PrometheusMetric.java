package dev.keelson.api.rollouts.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusMetric {
  public String address;
  public String query;
  public String timeout;
  /** Skip verifying the server's TLS certificate and host name. */
  public Boolean insecure;
  /** Sent with every query, e.g. an Authorization or a tenant header. */
  public List<WebMetricHeader> headers = new ArrayList<>();
  public PrometheusAuthentication authentication;
}
