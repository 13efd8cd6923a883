package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** CEL expressions over `self` (the live object) deciding the health of one kind. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthCheckExpr {
  @Required
  @JsonPropertyDescription("API version of the kind, e.g. apps/v1 or example.com/v1.")
  public String apiVersion;

  @Required
  @JsonPropertyDescription("Kind the rule applies to.")
  public String kind;

  @Required
  @JsonPropertyDescription("True when the object is healthy.")
  public String current;

  @JsonPropertyDescription("True while the object is still progressing (checked first).")
  public String inProgress;

  @JsonPropertyDescription("True when the object has failed (checked second).")
  public String failed;
}
