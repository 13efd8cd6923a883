package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** What to deploy (source), where (destination), how (syncPolicy) and how often (interval). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApplicationSpec {
  @Required
  @JsonPropertyDescription("Where the manifests come from.")
  public Source source;

  @JsonPropertyDescription("Where the manifests go.")
  public Destination destination;

  @JsonPropertyDescription(
      "The AppProject whose rules the app follows, looked up in the app's namespace, then in the"
          + " controller's. Default: default, which allows everything unless an AppProject of that name exists.")
  public String project;

  @JsonPropertyDescription(
      "ServiceAccount in the app's namespace that every read and write on the destination is made as"
          + " (impersonated). A matching destinationServiceAccounts entry of the project takes precedence.")
  public String serviceAccountName;

  @JsonPropertyDescription(
      "Variable substitution in the rendered manifests (Flux's postBuild): ${var}, ${var:=default}"
          + " and the other forms of Flux's envsubst.")
  public PostBuild postBuild;

  @JsonPropertyDescription(
      "Decrypt SOPS-encrypted files of the source (manifests, Kustomize secretGenerator files, Helm"
          + " value files) before rendering, as Flux does.")
  public Decryption decryption;

  @JsonPropertyDescription("When and how to sync.")
  public SyncPolicy syncPolicy;

  @JsonPropertyDescription(
      "How often to check the source and re-verify the live state (30s, 3m, 1h). Default 3m.")
  public String interval;

  @JsonPropertyDescription("Stop all syncing (automated and manual); the app is still compared and reported.")
  public Boolean suspend;

  @JsonPropertyDescription(
      "Applications that must be Synced and Healthy (or satisfy readyExpr) before this one syncs."
          + " Deletion runs in reverse order.")
  public List<Dependency> dependsOn;

  @JsonPropertyDescription(
      "CEL health rules per kind, overriding or adding to the built-in assessment (Flux's"
          + " healthCheckExprs semantics: inProgress, then failed, then current; the first true wins).")
  public List<HealthCheckExpr> healthChecks;

  @JsonPropertyDescription(
      "Differences to ignore, honoured both when comparing and when applying: the live value of an"
          + " ignored field is kept.")
  public List<IgnoreDifference> ignoreDifferences;
}
