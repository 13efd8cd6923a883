package dev.keelson.api.images.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Flux's ImageUpdateAutomation spec (v1beta2), with an Application or a URL as the Git source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageUpdateAutomationSpec {
  @JsonPropertyDescription("The repository written to: an Application (kind Application, the default) whose source.repoURL and credentials are used.")
  public SourceRef sourceRef;

  @JsonPropertyDescription("Or a repository URL, with secretRef holding its credentials (Argo CD's or Flux's keys).")
  public String url;

  @JsonPropertyDescription("Credentials for url: username/password, token, or sshPrivateKey (identity) with known_hosts.")
  public ImageRepositorySpec.LocalRef secretRef;

  @JsonPropertyDescription("How often the files are checked against the policies (Go duration). Default 1m.")
  public String interval;

  @Required
  public GitSpec git;

  @JsonPropertyDescription("Which files are updated. Default: Setters over the whole repository.")
  public UpdateSpec update;

  @JsonPropertyDescription("Only the ImagePolicies of the namespace with these labels. Default all.")
  public LabelSelector policySelector;

  @JsonPropertyDescription("Stop updating.")
  public Boolean suspend;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SourceRef {
    @JsonPropertyDescription("Application (default).")
    public String kind;

    @Required public String name;

    @JsonPropertyDescription("Default the automation's namespace.")
    public String namespace;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class GitSpec {
    @JsonPropertyDescription("The branch checked out. Default the Application's revision when it names a branch, else main.")
    public Checkout checkout;

    @Required public Commit commit;

    @JsonPropertyDescription("Where the commit is pushed. Default the checkout branch.")
    public Push push;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Checkout {
    @Required public GitRef ref;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class GitRef {
    public String branch;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Commit {
    @Required public Author author;

    @JsonPropertyDescription("A Go template over .AutomationObject, .Changed (.Changes, .FileChanges, .Objects) and .Values.")
    public String messageTemplate;

    @JsonPropertyDescription("Values given to the template as .Values.")
    public java.util.Map<String, String> messageTemplateValues;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Author {
    @JsonPropertyDescription("Default the email.")
    public String name;

    @Required public String email;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Push {
    @JsonPropertyDescription("Push to this branch instead, for review; successive updates stack on it.")
    public String branch;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class UpdateSpec {
    @JsonPropertyDescription("The directory, relative to the repository's root, whose files are updated. Default the whole repository.")
    public String path;

    @JsonPropertyDescription("Setters (the only strategy, Flux's).")
    public String strategy;
  }
}
