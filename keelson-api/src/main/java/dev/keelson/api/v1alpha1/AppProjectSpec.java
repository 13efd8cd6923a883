package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Nullable;
import java.util.List;

/**
 * Argo CD's AppProject spec, the fields Keelson enforces. Globs: {@code *} and {@code ?}; a leading
 * {@code !} denies. Strings that are commonly written empty ({@code group: ""} for the core group)
 * are nullable in the schema: a 1.20 API server stores an empty string in a custom resource as null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppProjectSpec {
  @JsonPropertyDescription("What the project is for.")
  public String description;

  @JsonPropertyDescription(
      "Repository URLs the project's apps may use (globs; '*' for any; '!' denies). Empty: none.")
  public List<String> sourceRepos;

  @JsonPropertyDescription(
      "Clusters and namespaces the project's apps may deploy to. Empty: none.")
  public List<ProjectDestination> destinations;

  @JsonPropertyDescription(
      "Cluster-scoped kinds the project's apps may create. Empty: none.")
  public List<GroupKind> clusterResourceWhitelist;

  @JsonPropertyDescription("Cluster-scoped kinds the project's apps may not create.")
  public List<GroupKind> clusterResourceBlacklist;

  @JsonPropertyDescription(
      "Namespaced kinds the project's apps may create. Empty: all.")
  public List<GroupKind> namespaceResourceWhitelist;

  @JsonPropertyDescription("Namespaced kinds the project's apps may not create.")
  public List<GroupKind> namespaceResourceBlacklist;

  @JsonPropertyDescription(
      "Sync windows shared by the project's apps, selected by applications, namespaces and clusters.")
  public List<ProjectSyncWindow> syncWindows;

  @JsonPropertyDescription(
      "Namespaces (globs) whose Applications may use this project when it lives in the controller's"
          + " namespace. Applications in the project's own namespace always may.")
  public List<String> sourceNamespaces;

  @JsonPropertyDescription(
      "The ServiceAccount the project's apps act as on a destination: the first entry whose server"
          + " and namespace match the app's destination.")
  public List<DestinationServiceAccount> destinationServiceAccounts;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ProjectDestination {
    @JsonPropertyDescription("API server URL (glob).")
    @Nullable
    public String server;

    @JsonPropertyDescription("Cluster name (glob).")
    @Nullable
    public String name;

    @JsonPropertyDescription("Namespace (glob).")
    @Nullable
    public String namespace;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class GroupKind {
    @JsonPropertyDescription("API group (glob); empty for the core group.")
    @Nullable
    public String group;

    @JsonPropertyDescription("Kind (glob).")
    @Nullable
    public String kind;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ProjectSyncWindow {
    @JsonPropertyDescription("allow or deny.")
    public String kind;

    @JsonPropertyDescription("Cron schedule (5 fields) at which the window opens.")
    public String schedule;

    @JsonPropertyDescription("How long the window stays open (1h, 30m).")
    public String duration;

    @JsonPropertyDescription("Application names (globs) the window applies to.")
    public List<String> applications;

    @JsonPropertyDescription("Destination namespaces (globs) the window applies to.")
    public List<String> namespaces;

    @JsonPropertyDescription("Destination clusters, by server URL or name (globs), the window applies to.")
    public List<String> clusters;

    @JsonPropertyDescription("Let `keelson app sync` through while this window would block.")
    public Boolean manualSync;

    @JsonPropertyDescription("IANA time zone of the schedule. Default UTC.")
    public String timeZone;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DestinationServiceAccount {
    @JsonPropertyDescription("API server URL of the destination (glob).")
    @Nullable
    public String server;

    @JsonPropertyDescription("Destination namespace (glob).")
    @Nullable
    public String namespace;

    @JsonPropertyDescription(
        "ServiceAccount to act as: NAME in the destination namespace, or NAMESPACE:NAME.")
    public String defaultServiceAccount;
  }
}
