package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** What to deploy (source), where (destination), how (syncPolicy) and how often (interval). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationSpec {
  @Required
  @JsonPropertyDescription("Where the manifests come from.")
  public Source source;

  @JsonPropertyDescription("Where the manifests go.")
  public Destination destination;

  @JsonPropertyDescription("When and how to sync.")
  public SyncPolicy syncPolicy;

  @JsonPropertyDescription(
      "How often to check the source and re-verify the live state (30s, 3m, 1h). Default 3m.")
  public String interval;
}
