package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/** Flux's Receiver spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReceiverSpec {
  @Required
  @JsonPropertyDescription("github, gitlab, bitbucket, gitea, generic-hmac or generic: how requests are verified and read.")
  public String type;

  @JsonPropertyDescription(
      "Events that trigger (GitHub/Gitea: push; GitLab: Push Hook, Tag Push Hook; Bitbucket Server:"
          + " repo:refs_changed). Empty: push events of the type.")
  public List<String> events;

  @Required
  @JsonPropertyDescription("Secret in the Receiver's namespace whose key `token` is the shared secret.")
  public SecretRef secretRef;

  @Required
  @JsonPropertyDescription("The Applications to reconcile: by name, or `*` with matchLabels.")
  public List<ResourceRef> resources;

  @JsonPropertyDescription("Stop acting on requests (they are answered 503).")
  public Boolean suspend;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretRef {
    @Required public String name;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ResourceRef {
    @JsonPropertyDescription("keelson.dev/v1alpha1 (default).")
    public String apiVersion;

    @JsonPropertyDescription("Application (default).")
    public String kind;

    @Required
    @JsonPropertyDescription("An Application's name, or * for all that match matchLabels.")
    public String name;

    @JsonPropertyDescription("Namespace of the Applications; default the Receiver's.")
    public String namespace;

    @JsonPropertyDescription("With name *, only Applications carrying these labels.")
    public Map<String, String> matchLabels;
  }
}
