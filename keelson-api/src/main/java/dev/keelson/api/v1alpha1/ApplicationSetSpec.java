package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Argo CD's ApplicationSet spec: generators, template, templatePatch, syncPolicy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationSetSpec {
  @Required
  @JsonPropertyDescription("Each generator is evaluated on its own; a failing one keeps the apps it generated before.")
  public List<AppSetGenerator> generators;

  @Required
  @JsonPropertyDescription("The Application each parameter set is rendered into.")
  public AppSetTemplate template;

  @JsonPropertyDescription("A Go template (goTemplate: true) rendering YAML merged into each rendered Application:"
      + " sets non-string fields.")
  public String templatePatch;

  @JsonPropertyDescription("Render with Go templates ({{ .param }}) instead of Argo's {{param}} substitution.")
  public Boolean goTemplate;

  @JsonPropertyDescription("Go template options; missingkey=error fails a parameter set that names a missing key.")
  public List<String> goTemplateOptions;

  public AppSetSyncPolicy syncPolicy;

  @JsonPropertyDescription("RollingSync writes each step's apps only once every app of the steps before is Synced"
      + " to the current revision and Healthy; automated sync stays on.")
  public AppSetStrategy strategy;

  @JsonPropertyDescription("How often generators are evaluated again (30s, 3m). Default 3m.")
  public String interval;
}
