package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Directory {
  @JsonPropertyDescription("Read sub-directories too.")
  public Boolean recurse;

  @JsonPropertyDescription("Glob(s) of files to read, e.g. '*.yaml' or '{a.yaml,b.yaml}'.")
  public String include;

  @JsonPropertyDescription("Glob(s) of files to skip; wins over include.")
  public String exclude;

  public List<String> includeGlobs() {
    return split(include);
  }

  public List<String> excludeGlobs() {
    return split(exclude);
  }

  private static List<String> split(String glob) {
    return glob == null || glob.isBlank() ? List.of() : List.of(glob.trim());
  }
}
