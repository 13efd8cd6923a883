package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

/**
 * One generator: exactly one of list, clusters, git, matrix, merge, and an optional selector over
 * the parameters it produced. The children of matrix and merge are kept schemaless, as Argo CD
 * does, because the CRD schema cannot be recursive; they are validated when parsed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppSetGenerator {
  public ListGenerator list;
  public ClustersGenerator clusters;
  public GitGenerator git;
  public Composite matrix;
  public Composite merge;

  @JsonPropertyDescription("Keeps only the parameter sets whose (flattened) parameters match.")
  public LabelSelector selector;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ListGenerator {
    @PreserveUnknownFields
    public List<com.fasterxml.jackson.databind.JsonNode> elements;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ClustersGenerator {
    @JsonPropertyDescription("Over the cluster Secrets' labels; without it, every cluster and the controller's own.")
    public LabelSelector selector;
    public Map<String, String> values;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class GitGenerator {
    public String repoURL;
    public String revision;
    public List<PathItem> directories;
    public List<PathItem> files;
    public Map<String, String> values;
    public String pathParamPrefix;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PathItem {
    public String path;
    public Boolean exclude;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Composite {
    @PreserveUnknownFields
    public List<com.fasterxml.jackson.databind.JsonNode> generators;
    @JsonPropertyDescription("merge: the parameters whose values pair parameter sets of the generators.")
    public List<String> mergeKeys;
  }
}
