package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncPolicy {
  @JsonPropertyDescription(
      "Sync automatically on every change. Without it the app only reports OutOfSync.")
  public Automated automated;

  @JsonPropertyDescription("Options such as CreateNamespace=true.")
  public List<String> syncOptions;

  public boolean hasOption(String option) {
    return syncOptions != null
        && syncOptions.stream().anyMatch(o -> o.trim().equalsIgnoreCase(option));
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Automated {
    @JsonPropertyDescription("Delete objects removed from Git.")
    public Boolean prune;

    @JsonPropertyDescription("Revert changes made to managed objects in the cluster.")
    public Boolean selfHeal;
  }
}
