package dev.keelson.controller.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A Provider with its Secret read: everything a delivery needs. Holds credentials, so its text
 * form names the Provider only; nothing of it is ever logged, nor written to status or events.
 *
 * @param address where requests go: the webhook, or the Git server's API base
 * @param token the HMAC key (generic-hmac), the API token (github, gitlab, gitea), a bot token (slack); or null
 * @param headers extra request headers from the Secret's {@code headers}
 */
public record ProviderConfig(String namespace, String name, ProviderType type, URI address, String channel,
    String username, Duration timeout, String token, String basicUser, String basicPassword,
    Map<String, String> headers, boolean suspended) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  public ProviderConfig {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  public String id() {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return "Provider " + id() + " (" + type.specName() + ")";
  }
}
