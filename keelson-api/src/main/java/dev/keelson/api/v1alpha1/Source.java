package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Source {
  @Required
  @JsonPropertyDescription("Git repository: file://, https://, ssh:// or git@host:path.")
  public String repoURL;

  @JsonPropertyDescription(
      "Branch, tag, full commit SHA, or a semver range over tags (e.g. '>=1.2.0 <2.0.0'). Default HEAD.")
  public String revision;

  @JsonPropertyDescription("Directory inside the repository. Default the root.")
  public String path;

  @JsonPropertyDescription(
      "Secret in the Application's namespace with credentials: username/password, token, or"
          + " sshPrivateKey (alias identity) and known_hosts.")
  public SecretRef secretRef;

  @JsonPropertyDescription("Options for plain manifest directories.")
  public Directory directory;

  @JsonPropertyDescription(
      "Helm chart name in the Helm repository or OCI registry given by repoURL (https:// with"
          + " index.yaml, or oci://); revision is then the chart version or a semver range. Unset"
          + " for a chart in a Git repository: a path holding Chart.yaml is rendered with Helm.")
  public String chart;

  @JsonPropertyDescription("Options for Helm charts.")
  public HelmSource helm;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretRef {
    @Required public String name;
  }
}
