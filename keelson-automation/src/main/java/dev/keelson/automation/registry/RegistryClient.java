package dev.keelson.automation.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.automation.image.ImageName;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The part of the OCI distribution API that image scanning needs: the tags list
 * ({@code GET /v2/<name>/tags/list?n=&last=}, following {@code Link: <...>; rel="next"}) and a
 * manifest's digest ({@code HEAD /v2/<name>/manifests/<tag>}). A 401 is answered as its
 * {@code WWW-Authenticate} asks: a bearer token from the realm (with the credentials as basic
 * auth, tokens kept until they expire, per host and scope) or basic auth to the registry
 * itself. A 429 is waited out when its {@code Retry-After} is short, and reported with the wait
 * otherwise, so a reconciler can look again then instead of hammering the registry.
 *
 * <p>Written on the JDK's HttpClient: the requests are three, and the Java registry clients
 * (Jib's, the Docker clients) bring a much larger surface (image building, a Docker daemon's
 * API) for them. Credentials never appear in a message.
 */
public final class RegistryClient {
  /** Longest Retry-After waited out inside one request; a longer one is reported instead. */
  static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(5);
  private static final int MAX_ATTEMPTS = 4;
  private static final int MAX_PAGES = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");
  private static final String MANIFEST_TYPES = String.join(", ",
      "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json");

  /**
   * @param insecure plain HTTP
   * @param ssl the trust (and client certificate) for HTTPS; null for the JDK's defaults
   * @param timeout of each request
   */
  public record Options(boolean insecure, SSLContext ssl, Duration timeout) {
    public static Options defaults() {
      return new Options(false, null, Duration.ofSeconds(30));
    }
  }

  /** What one listing did: the requests it made (one per page) and the tags it handed over. */
  public record Listing(int requests, int tags) {}

  private record Token(String value, Instant expires) {}

  private final HttpClient http;
  private final Options options;
  private final Clock clock;
  private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();

  public RegistryClient(Options options, Clock clock) {
    this.options = options;
    this.clock = clock;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.timeout()).followRedirects(HttpClient.Redirect.NORMAL);
    if (options.ssl() != null) b.sslContext(options.ssl());
    this.http = b.build();
  }

  /**
   * Lists the repository's tags after {@code last} (lexically, as the registry orders them; null
   * for all), {@code pageSize} per request, handing each to {@code each} as it is read.
   */
  public Listing listTags(ImageName image, RegistryCredentials creds, String last, int pageSize, Consumer<String> each)
      throws RegistryException {
    String query = "n=" + pageSize + (last == null ? "" : "&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8));
    URI next = base(image).resolve("/v2/" + image.repository() + "/tags/list?" + query);
    int requests = 0;
    int count = 0;
    while (next != null) {
      if (++requests > MAX_PAGES) {
        throw new RegistryException(RegistryException.Reason.PROTOCOL, image.canonical() + ": more than " + MAX_PAGES
            + " pages of tags; the registry's Link headers may be going round in a circle");
      }
      HttpResponse<InputStream> r = send(next, "GET", image, creds, "application/json");
      int[] got = {0};
      try (InputStream body = r.body()) {
        readTags(body, t -> {
          got[0]++;
          each.accept(t);
        });
      } catch (IOException e) {
        throw new RegistryException(RegistryException.Reason.PROTOCOL,
            "tags list of " + image.canonical() + " is not JSON: " + e.getMessage());
      }
      count += got[0];
      next = r.headers().firstValue("Link").map(l -> nextLink(next(l), image)).orElse(null);
    }
    return new Listing(requests, count);
  }

  /** @return the last tag read, null for none */
  private static String readTags(InputStream body, Consumer<String> each) throws IOException {
    String lastSeen = null;
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if ("tags".equals(field) && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            String tag = p.getText();
            lastSeen = tag;
            each.accept(tag);
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return lastSeen;
  }

  private static String next(String link) {
    Matcher m = NEXT.matcher(link);
    return m.find() ? m.group(1) : null;
  }

  private URI nextLink(String link, ImageName image) {
    if (link == null) return null;
    return base(image).resolve(link);
  }

  /** The digest of the manifest a tag points at, when the registry says it. */
  public Optional<String> digest(ImageName image, RegistryCredentials creds, String tag) throws RegistryException {
    URI uri = base(image).resolve("/v2/" + image.repository() + "/manifests/" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
    HttpResponse<InputStream> r = send(uri, "HEAD", image, creds, MANIFEST_TYPES);
    try {
      r.body().close();
    } catch (IOException ignored) {
      // nothing to read
    }
    return r.headers().firstValue("Docker-Content-Digest");
  }

  private URI base(ImageName image) {
    return URI.create((options.insecure() ? "http://" : "https://") + image.apiHost() + "/");
  }

  private HttpResponse<InputStream> send(URI uri, String method, ImageName image, RegistryCredentials creds, String accept)
      throws RegistryException {
    String scope = "repository:" + image.repository() + ":pull";
    String tokenKey = image.apiHost() + " " + scope;
    String authorization = cachedAuthorization(tokenKey, creds);
    boolean answeredChallenge = false;
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.timeout()).header("Accept", accept)
          .method(method, HttpRequest.BodyPublishers.noBody());
      if (authorization != null) b.header("Authorization", authorization);
      HttpResponse<InputStream> r = exchange(b.build(), image);
      int code = r.statusCode();
      if (code >= 200 && code < 300) return r;
      close(r);
      if (code == 401 && !answeredChallenge) {
        answeredChallenge = true;
        authorization = answer(r.headers().firstValue("WWW-Authenticate").orElse(null), image, creds, scope, tokenKey);
        continue;
      }
      if (code == 401 || code == 403) {
        tokens.remove(tokenKey);
        throw new RegistryException(RegistryException.Reason.AUTHENTICATION_FAILED, image.apiHost()
            + (creds instanceof RegistryCredentials.Anonymous ? " wants credentials (HTTP " : " refused the credentials (HTTP ")
            + code + ") for " + image.repository());
      }
      if (code == 429) {
        Duration wait = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
        if (attempt < MAX_ATTEMPTS && wait.compareTo(MAX_INLINE_WAIT) <= 0) {
          sleep(wait);
          continue;
        }
        throw new RegistryException(RegistryException.Reason.RATE_LIMITED, image.apiHost()
            + " is rate limiting (HTTP 429); retrying after " + wait.toSeconds() + "s", wait, null);
      }
      if (code == 404) {
        throw new RegistryException(RegistryException.Reason.NOT_FOUND, image.canonical()
            + (method.equals("HEAD") ? ": no such tag" : ": no such repository") + " (HTTP 404)");
      }
      throw new RegistryException(RegistryException.Reason.PROTOCOL, image.apiHost() + " answered HTTP " + code + " to "
          + method + " " + uri.getPath());
    }
  }

  private String cachedAuthorization(String tokenKey, RegistryCredentials creds) {
    Token t = tokens.get(tokenKey);
    if (t != null && t.expires().isAfter(clock.instant())) return "Bearer " + t.value();
    return null;
  }

  /** The Authorization that answers a challenge: a token from the realm, or basic. */
  private String answer(String header, ImageName image, RegistryCredentials creds, String scope, String tokenKey)
      throws RegistryException {
    Challenge c = Challenge.parse(header).orElseThrow(() -> new RegistryException(
        RegistryException.Reason.AUTHENTICATION_FAILED, image.apiHost() + " answered 401 without a WWW-Authenticate challenge"));
    if (c.scheme().equals("basic")) {
      if (!(creds instanceof RegistryCredentials.Basic basic)) {
        throw new RegistryException(RegistryException.Reason.AUTHENTICATION_FAILED, image.apiHost()
            + " wants credentials (basic): set spec.secretRef");
      }
      return basic(basic);
    }
    if (!c.scheme().equals("bearer") || c.param("realm") == null) {
      throw new RegistryException(RegistryException.Reason.AUTHENTICATION_FAILED, image.apiHost()
          + " asks for an unknown authentication scheme " + c.scheme());
    }
    StringBuilder q = new StringBuilder(c.param("realm"));
    q.append(c.param("realm").contains("?") ? '&' : '?');
    if (c.param("service") != null) q.append("service=").append(URLEncoder.encode(c.param("service"), StandardCharsets.UTF_8)).append('&');
    q.append("scope=").append(URLEncoder.encode(c.param("scope") != null ? c.param("scope") : scope, StandardCharsets.UTF_8));
    URI realm;
    try {
      realm = URI.create(q.toString());
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryException.Reason.PROTOCOL, image.apiHost() + " names a token realm that is not a URL");
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(realm).timeout(options.timeout()).GET();
    if (creds instanceof RegistryCredentials.Basic basic) b.header("Authorization", basic(basic));
    HttpResponse<InputStream> r = exchange(b.build(), image);
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      close(r);
      throw new RegistryException(RegistryException.Reason.AUTHENTICATION_FAILED, "the token service of " + image.apiHost()
          + " refused the credentials (HTTP " + r.statusCode() + ")");
    }
    if (r.statusCode() != 200) {
      close(r);
      throw new RegistryException(RegistryException.Reason.PROTOCOL, "the token service of " + image.apiHost()
          + " answered HTTP " + r.statusCode());
    }
    JsonNode body;
    try (InputStream in = r.body()) {
      body = JSON.readTree(in);
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Reason.PROTOCOL, "the token service of " + image.apiHost() + " answered no JSON");
    }
    String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText(null);
    if (token == null || token.isEmpty()) {
      throw new RegistryException(RegistryException.Reason.PROTOCOL, "the token service of " + image.apiHost() + " gave no token");
    }
    // the spec's default lifetime is 60 s; a little is kept in hand
    long seconds = Math.max(body.path("expires_in").asLong(60), 10) - 5;
    tokens.put(tokenKey, new Token(token, clock.instant().plusSeconds(seconds)));
    return "Bearer " + token;
  }

  private HttpResponse<InputStream> exchange(HttpRequest request, ImageName image) throws RegistryException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new RegistryException(RegistryException.Reason.UNREACHABLE, image.apiHost() + " did not answer within "
          + options.timeout().toSeconds() + "s", null, e);
    } catch (SSLException e) {
      throw new RegistryException(RegistryException.Reason.UNREACHABLE, "TLS with " + image.apiHost() + " failed: "
          + e.getMessage() + (options.insecure() ? "" : " (set certSecretRef with the registry's CA, or insecure for plain HTTP)"),
          null, e);
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Reason.UNREACHABLE, image.apiHost() + " is not reachable: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(RegistryException.Reason.UNREACHABLE, "interrupted", null, e);
    }
  }

  /** Seconds or an HTTP date; a missing or unreadable value waits one second. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) return Duration.ofSeconds(1);
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(Instant.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException bad) {
        return Duration.ofSeconds(1);
      }
    }
  }

  private static void sleep(Duration d) throws RegistryException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(RegistryException.Reason.UNREACHABLE, "interrupted", null, e);
    }
  }

  private static void close(HttpResponse<InputStream> r) {
    try {
      r.body().close();
    } catch (IOException ignored) {
      // the answer is not read
    }
  }

  private static String basic(RegistryCredentials.Basic b) {
    return "Basic " + Base64.getEncoder().encodeToString((b.username() + ":" + b.password()).getBytes(StandardCharsets.UTF_8));
  }
}
