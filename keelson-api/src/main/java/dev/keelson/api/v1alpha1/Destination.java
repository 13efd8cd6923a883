package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Destination {
  @JsonPropertyDescription("Namespace given to namespaced objects that have none.")
  public String namespace;
}
