package dev.keelson.controller.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event as each Provider type wants it: the request's address, headers and body. Pure: the
 * same event and Provider give the same bytes, so signatures and payloads are tested without a
 * network.
 */
public final class Payloads {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** GitHub refuses longer commit status descriptions. */
  static final int STATUS_DESCRIPTION_MAX = 140;
  static final String REPORTING_CONTROLLER = "keelson-controller";

  private Payloads() {}

  /**
   * The request for an event, or empty when the Provider does not take it (a commit status
   * Provider gets only events that carry a commit).
   *
   * @throws IllegalArgumentException when the event cannot be sent there (a commit status for a
   *     source URL naming no repository)
   */
  public static Optional<OutgoingRequest> render(ProviderConfig p, NotifyEvent e) {
    if (p.type().commitStatus) {
      if (e.commit() == null || !isCommit(e.commit().sha())) return Optional.empty();
      return Optional.of(switch (p.type()) {
        case github -> github(p, e);
        case gitlab -> gitlab(p, e);
        default -> gitea(p, e);
      });
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    byte[] body = switch (p.type()) {
      case slack -> json(slack(p, e));
      case msteams -> json(msteams(e));
      case discord -> json(discord(p, e));
      default -> json(flux(e));
    };
    if (p.type() == ProviderType.genericHmac) {
      if (p.token() == null) throw new IllegalArgumentException("generic-hmac needs the Secret's key token");
      headers.put(HmacSignature.HEADER, HmacSignature.of(p.token(), body));
    }
    if (p.type() == ProviderType.slack && p.token() != null) headers.put("Authorization", "Bearer " + p.token());
    if (p.basicUser() != null) {
      String pair = p.basicUser() + ":" + (p.basicPassword() == null ? "" : p.basicPassword());
      headers.put("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    headers.putAll(p.headers());
    return Optional.of(new OutgoingRequest(p.address(), headers, body));
  }

  /** Flux's event, as its generic webhook posts it. */
  static Map<String, Object> flux(NotifyEvent e) {
    Map<String, Object> involved = new LinkedHashMap<>();
    involved.put("kind", e.source().kind());
    involved.put("namespace", e.source().namespace());
    involved.put("name", e.source().name());
    if (e.source().uid() != null) involved.put("uid", e.source().uid());
    if (e.source().apiVersion() != null) involved.put("apiVersion", e.source().apiVersion());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("involvedObject", involved);
    m.put("severity", e.severity().name());
    m.put("timestamp", e.timestamp().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    m.put("message", e.message());
    m.put("reason", e.reason());
    if (!e.fullMetadata().isEmpty()) m.put("metadata", e.fullMetadata());
    m.put("reportingController", REPORTING_CONTROLLER);
    return m;
  }

  /** A Slack incoming webhook's attachment, as Flux sends it (good/danger colour, metadata as fields). */
  static Map<String, Object> slack(ProviderConfig p, NotifyEvent e) {
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("color", e.severity() == NotifyEvent.Severity.error ? "danger" : "good");
    attachment.put("author_name", e.source().display());
    attachment.put("title", e.reason());
    attachment.put("text", e.message());
    attachment.put("mrkdwn_in", List.of("text"));
    List<Map<String, Object>> fields = new ArrayList<>();
    e.fullMetadata().forEach((k, v) -> fields.add(Map.of("title", k, "value", v, "short", false)));
    if (!fields.isEmpty()) attachment.put("fields", fields);
    Map<String, Object> m = new LinkedHashMap<>();
    if (p.channel() != null) m.put("channel", p.channel());
    if (p.username() != null) m.put("username", p.username());
    m.put("attachments", List.of(attachment));
    return m;
  }

  /** An Adaptive Card, what Teams' Workflows webhooks take (Office 365 connectors are retired). */
  static Map<String, Object> msteams(NotifyEvent e) {
    List<Map<String, Object>> body = new ArrayList<>();
    body.add(Map.of("type", "TextBlock", "text", e.source().display() + ": " + e.reason(), "weight", "bolder",
        "size", "medium", "wrap", true, "color", e.severity() == NotifyEvent.Severity.error ? "attention" : "good"));
    body.add(Map.of("type", "TextBlock", "text", e.message(), "wrap", true));
    List<Map<String, Object>> facts = new ArrayList<>();
    e.fullMetadata().forEach((k, v) -> facts.add(Map.of("title", k, "value", v)));
    if (!facts.isEmpty()) body.add(Map.of("type", "FactSet", "facts", facts));
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.put("body", body);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "message");
    m.put("attachments", List.of(Map.of("contentType", "application/vnd.microsoft.card.adaptive", "content", card)));
    return m;
  }

  /** A Discord webhook message with one embed (description up to 4096, field values up to 1024). */
  static Map<String, Object> discord(ProviderConfig p, NotifyEvent e) {
    Map<String, Object> embed = new LinkedHashMap<>();
    embed.put("title", e.source().display() + ": " + e.reason());
    embed.put("description", cut(e.message(), 4096));
    embed.put("color", e.severity() == NotifyEvent.Severity.error ? 0xE01E5A : 0x2EB67D);
    List<Map<String, Object>> fields = new ArrayList<>();
    e.fullMetadata().forEach((k, v) -> fields.add(Map.of("name", cut(k, 256), "value", cut(v, 1024))));
    if (!fields.isEmpty()) embed.put("fields", fields);
    embed.put("timestamp", e.timestamp().toString());
    Map<String, Object> m = new LinkedHashMap<>();
    if (p.username() != null) m.put("username", p.username());
    m.put("embeds", List.of(embed));
    return m;
  }

  /** {@code POST /repos/{owner}/{repo}/statuses/{sha}}. */
  static OutgoingRequest github(ProviderConfig p, NotifyEvent e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", e.commit().state().name());
    body.put("context", context(e));
    body.put("description", description(e));
    Map<String, String> headers = statusHeaders(p);
    headers.put("Accept", "application/vnd.github+json");
    headers.put("X-GitHub-Api-Version", "2022-11-28");
    if (p.token() != null) headers.put("Authorization", "Bearer " + p.token());
    String repo = RepositoryPath.ownerRepo(e.commit().repoURL());
    return new OutgoingRequest(api(p, "/repos/" + repo + "/statuses/" + e.commit().sha()), headers, json(body));
  }

  /** {@code POST /projects/{url-encoded path}/statuses/{sha}}; GitLab says {@code failed}. */
  static OutgoingRequest gitlab(ProviderConfig p, NotifyEvent e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", e.commit().state() == NotifyEvent.CommitState.failure ? "failed" : e.commit().state().name());
    body.put("name", context(e));
    body.put("description", description(e));
    Map<String, String> headers = statusHeaders(p);
    if (p.token() != null) headers.put("PRIVATE-TOKEN", p.token());
    String project = URLEncoder.encode(RepositoryPath.project(e.commit().repoURL()), StandardCharsets.UTF_8);
    return new OutgoingRequest(api(p, "/projects/" + project + "/statuses/" + e.commit().sha()), headers, json(body));
  }

  /** {@code POST /api/v1/repos/{owner}/{repo}/statuses/{sha}} under the server's root. */
  static OutgoingRequest gitea(ProviderConfig p, NotifyEvent e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", e.commit().state().name());
    body.put("context", context(e));
    body.put("description", description(e));
    Map<String, String> headers = statusHeaders(p);
    if (p.token() != null) headers.put("Authorization", "token " + p.token());
    String repo = RepositoryPath.ownerRepo(e.commit().repoURL());
    return new OutgoingRequest(api(p, "/api/v1/repos/" + repo + "/statuses/" + e.commit().sha()), headers, json(body));
  }

  /** One status per app on a commit: {@code keelson/<namespace>/<name>}. */
  static String context(NotifyEvent e) {
    return "keelson/" + e.source().namespace() + "/" + e.source().name();
  }

  private static String description(NotifyEvent e) {
    return cut(e.reason() + ": " + e.message(), STATUS_DESCRIPTION_MAX);
  }

  private static Map<String, String> statusHeaders(ProviderConfig p) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.putAll(p.headers());
    return h;
  }

  private static URI api(ProviderConfig p, String path) {
    String base = p.address().toString();
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    return URI.create(base + path);
  }

  static boolean isCommit(String sha) {
    return sha != null && (sha.length() == 40 || sha.length() == 64) && sha.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) return s;
    return s.substring(0, max - 3) + "...";
  }

  private static byte[] json(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
