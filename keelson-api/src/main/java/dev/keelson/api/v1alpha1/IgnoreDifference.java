package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Nullable;
import java.util.List;

/** Fields of matching objects that are neither compared nor overwritten (Argo CD's format). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IgnoreDifference {
  // nullable: `group: ""` is how the core group is often written, and a 1.20 API server stores an
  // empty string in a custom resource as null
  @JsonPropertyDescription("API group; empty for the core group.")
  @Nullable
  public String group;

  @JsonPropertyDescription("Kind of the objects.")
  public String kind;

  @JsonPropertyDescription("Only the object with this name. Default all.")
  public String name;

  @JsonPropertyDescription("Only objects in this namespace. Default all.")
  public String namespace;

  @JsonPropertyDescription("RFC 6901 JSON pointers of the ignored fields, e.g. /spec/replicas.")
  public List<String> jsonPointers;

  @JsonPropertyDescription("Field managers whose fields are ignored, e.g. kube-controller-manager.")
  public List<String> managedFieldsManagers;
}
