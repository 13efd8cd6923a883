package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/** Argo CD's ApplicationSet syncPolicy, and Keelson's deletion guard. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppSetSyncPolicy {
  @Pattern("^(create-only|create-update|create-delete|sync)$")
  @JsonPropertyDescription("What the set may do to its Applications: create-only, create-update, create-delete or sync (default).")
  public String applicationsSync;

  @JsonPropertyDescription("Generated Applications do not carry the resources finalizer: deleting them (or the set) keeps their objects.")
  public Boolean preserveResourcesOnDeletion;

  @JsonPropertyDescription("A pass that would delete more than this percentage of the set's Applications deletes"
      + " nothing until `keelson appset confirm` or the next pass agrees. Default 50.")
  public Integer maxDeletePercent;

  public List<IgnoreAppDifference> ignoreApplicationDifferences;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class IgnoreAppDifference {
    @JsonPropertyDescription("Only the Application of this name; all when unset.")
    public String name;
    @JsonPropertyDescription("RFC 6901 pointers into the Application (/spec/source/targetRevision): the live value is kept.")
    public List<String> jsonPointers;
    @JsonPropertyDescription("Not supported: a set that uses it reports an error.")
    public List<String> jqPathExpressions;
  }
}
