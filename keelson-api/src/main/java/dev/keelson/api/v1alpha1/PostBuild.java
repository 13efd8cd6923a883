package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/** Flux's post-build variable substitution: ${var} in the rendered manifests. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostBuild {
  @JsonPropertyDescription(
      "Variables and their values; they override those read through substituteFrom."
          + " Names must match ^[_[:alpha:]][_[:alpha:][:digit:]]*$.")
  public Map<String, String> substitute;

  @JsonPropertyDescription(
      "ConfigMaps and Secrets in the Application's namespace whose data keys are variables; later"
          + " entries override earlier ones.")
  public List<SubstituteReference> substituteFrom;

  @JsonPropertyDescription(
      "Fail when a variable without a default is not set (Flux 2.9's default). With false it"
          + " becomes empty. Default true.")
  public Boolean strict;

  /** A ConfigMap or Secret holding variables. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SubstituteReference {
    @Required
    @Pattern("^(ConfigMap|Secret)$")
    @JsonPropertyDescription("ConfigMap or Secret.")
    public String kind;

    @Required
    @JsonPropertyDescription("Its name, in the Application's namespace.")
    public String name;

    @JsonPropertyDescription("Carry on without it when it does not exist. Default false.")
    public Boolean optional;
  }
}
