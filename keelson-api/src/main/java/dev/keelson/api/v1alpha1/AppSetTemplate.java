package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** An Application with parameters in its strings: metadata and spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppSetTemplate {
  public Meta metadata;
  public ApplicationSpec spec;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Meta {
    public String name;
    public String namespace;
    public Map<String, String> labels;
    public Map<String, String> annotations;
    public List<String> finalizers;
  }
}
