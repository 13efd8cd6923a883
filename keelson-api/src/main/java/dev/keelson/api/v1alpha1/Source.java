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

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretRef {
    @Required public String name;
  }
}
