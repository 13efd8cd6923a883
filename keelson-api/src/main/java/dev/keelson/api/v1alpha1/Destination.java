package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Argo CD's destination: a cluster by server URL or by name, and a default namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Destination {
  @JsonPropertyDescription(
      "API server URL of the destination cluster, as its cluster Secret names it;"
          + " https://kubernetes.default.svc is the cluster the controller runs in. Set server or name, not both;"
          + " without either, the controller's own cluster.")
  public String server;

  @JsonPropertyDescription("Name of the destination cluster (its cluster Secret's name field); in-cluster is the controller's own.")
  public String name;

  @JsonPropertyDescription("Namespace given to namespaced objects that have none.")
  public String namespace;
}
