package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Another Application this one waits for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Dependency {
  @Required
  @JsonPropertyDescription("Name of the Application depended on.")
  public String name;

  @JsonPropertyDescription("Its namespace. Default this Application's namespace.")
  public String namespace;

  @JsonPropertyDescription(
      "CEL expression over `dep` (the Application depended on) and `self` (this one); true means"
          + " ready. Default: dep is Synced and Healthy.")
  public String readyExpr;
}
