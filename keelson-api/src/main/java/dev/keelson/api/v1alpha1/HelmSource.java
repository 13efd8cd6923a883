package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/**
 * Helm options, with Argo CD's field names (so that Applications carry over) plus Flux's {@code
 * valuesFrom}. Values are layered lowest first: valueFiles, valuesFrom, values, valuesObject,
 * parameters and fileParameters.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmSource {
  @JsonPropertyDescription("Release name (.Release.Name). Default the Application's name.")
  public String releaseName;

  @JsonPropertyDescription(
      "Release namespace (.Release.Namespace). Default the destination namespace.")
  public String namespace;

  @JsonPropertyDescription(
      "Values files, relative to the chart's directory; anywhere in the repository, never outside it.")
  public List<String> valueFiles;

  @JsonPropertyDescription("Skip value files that do not exist instead of failing.")
  public Boolean ignoreMissingValueFiles;

  @JsonPropertyDescription("Values as a YAML string; above valueFiles and valuesFrom.")
  public String values;

  // Without SchemaFrom the generator adds additionalProperties {type: object}, which would refuse
  // scalar values such as replicas: 3; this way the schema is an object with any content.
  @PreserveUnknownFields
  @SchemaFrom(type = Object.class)
  @JsonPropertyDescription("Values as an object; above values.")
  public Map<String, Object> valuesObject;

  @JsonPropertyDescription("--set assignments (--set-string with forceString); the highest layer.")
  public List<Parameter> parameters;

  @JsonPropertyDescription("--set-file assignments: a file's content as a string value.")
  public List<FileParameter> fileParameters;

  @JsonPropertyDescription(
      "Values read from ConfigMaps or Secrets in the Application's namespace, merged in order"
          + " above valueFiles and below values.")
  public List<ValuesReference> valuesFrom;

  @JsonPropertyDescription(
      "Kubernetes version for .Capabilities.KubeVersion and Chart.yaml's kubeVersion check."
          + " Default the destination cluster's.")
  public String kubeVersion;

  @JsonPropertyDescription(
      "API versions for .Capabilities.APIVersions (group/version or group/version/Kind)."
          + " Default the destination cluster's.")
  public List<String> apiVersions;

  @JsonPropertyDescription("Leave out the chart's crds/ directories.")
  public Boolean skipCrds;

  @JsonPropertyDescription("Leave out test hooks (helm.sh/hook: test). Default true.")
  public Boolean skipTests;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Parameter {
    @Required
    @JsonPropertyDescription("Value path in --set syntax, e.g. image.tag or args[0].")
    public String name;

    @JsonPropertyDescription("The value.")
    public String value;

    @JsonPropertyDescription("Keep the value a string even if it reads as a number or boolean.")
    public Boolean forceString;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class FileParameter {
    @Required
    @JsonPropertyDescription("Value path in --set syntax.")
    public String name;

    @Required
    @JsonPropertyDescription("File relative to the chart's directory, inside the repository.")
    public String path;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ValuesReference {
    @Required
    @Pattern("^(ConfigMap|Secret)$")
    @JsonPropertyDescription("ConfigMap or Secret.")
    public String kind;

    @Required
    @JsonPropertyDescription("Name of the ConfigMap or Secret in the Application's namespace.")
    public String name;

    @Default("values.yaml")
    @JsonPropertyDescription("Data key holding the values. Default values.yaml.")
    public String valuesKey;

    @JsonPropertyDescription(
        "Value path in --set syntax where the key's content is placed; without it the content is"
            + " YAML merged at the root.")
    public String targetPath;

    @JsonPropertyDescription("Do not fail when the ConfigMap, Secret or key is missing.")
    public Boolean optional;
  }
}
