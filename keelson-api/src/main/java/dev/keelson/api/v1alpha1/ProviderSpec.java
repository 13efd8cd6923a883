package dev.keelson.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Flux's Provider spec (notification.toolkit.fluxcd.io/v1beta3), for the types Keelson sends to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProviderSpec {
  @Required
  @JsonPropertyDescription("generic, generic-hmac, slack, msteams, discord, github, gitlab or gitea.")
  public String type;

  @JsonPropertyDescription(
      "Where to send: the webhook URL (generic, generic-hmac, slack, msteams, discord) or the API base of the Git"
          + " server (github: https://api.github.com, gitlab: https://gitlab.com/api/v4, gitea: the server's root)."
          + " The Secret's key `address` takes precedence.")
  public String address;

  @JsonPropertyDescription("Chat channel (slack).")
  public String channel;

  @JsonPropertyDescription("Name the message is posted as (slack, discord).")
  public String username;

  @JsonPropertyDescription("How long one request may take, a duration (default 15s).")
  public String timeout;

  @JsonPropertyDescription(
      "Secret in the Provider's namespace with keys `address`, `token` (the HMAC key of generic-hmac, the API token"
          + " of github, gitlab and gitea, a bot token for slack), `username` and `password` (basic auth), `headers`"
          + " (YAML map of extra request headers).")
  public SecretRef secretRef;

  @JsonPropertyDescription("Stop sending to this Provider.")
  public Boolean suspend;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretRef {
    @Required public String name;
  }
}
