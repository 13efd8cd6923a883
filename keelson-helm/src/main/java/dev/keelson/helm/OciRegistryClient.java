package dev.keelson.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charts in an OCI registry through the distribution API, as Helm stores them: tag = version (with
 * {@code +} written {@code _}), one layer of media type {@value #CHART_LAYER}. Anonymous, basic
 * and bearer-token authentication; plain HTTP only on loopback.
 */
final class OciRegistryClient {

  static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final String MANIFEST_TYPES =
      "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChartCache cache;

  OciRegistryClient(ChartCache cache) {
    this.cache = cache;
  }

  FetchedChart fetch(RemoteChart chart) throws IOException {
    String rest = chart.repositoryUrl().substring("oci://".length());
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    String repository = (slash < 0 ? "" : rest.substring(slash + 1) + "/") + chart.name();
    String hostOnly = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
    String scheme = Http.isLoopback(hostOnly.replace("[", "").replace("]", "")) ? "http" : "https";
    Session s = new Session(new Http(chart.auth()), chart.auth(), URI.create(scheme + "://" + host + "/v2/" + repository + "/"));

    String version = resolveVersion(s, chart.revision());
    String tag = version.replace('+', '_');
    Http.Response manifest = s.get("manifests/" + tag, MANIFEST_TYPES);
    if (manifest.status() != 200) {
      throw new IOException("GET manifest " + repository + ":" + tag + ": HTTP " + manifest.status());
    }
    String digest = null;
    for (JsonNode layer : JSON.readTree(manifest.body()).path("layers")) {
      if (CHART_LAYER.equals(layer.path("mediaType").asText())) {
        digest = layer.path("digest").asText();
      }
    }
    if (digest == null || !digest.startsWith("sha256:")) {
      throw new IOException(repository + ":" + tag + " is not a Helm chart (no " + CHART_LAYER + " layer)");
    }
    String sha = digest.substring("sha256:".length()).toLowerCase();
    Optional<byte[]> cached = cache.get(sha);
    if (cached.isPresent()) {
      return new FetchedChart(cached.get(), sha, version);
    }
    Http.Response blob = s.get("blobs/" + digest, null);
    if (blob.status() != 200) {
      throw new IOException("GET blob " + digest + ": HTTP " + blob.status());
    }
    String actual = Digests.sha256Hex(blob.body());
    if (!actual.equals(sha)) {
      throw new IOException("digest mismatch for " + repository + ":" + tag);
    }
    cache.put(blob.body());
    return new FetchedChart(blob.body(), sha, version);
  }

  private static String resolveVersion(Session s, String revision) throws IOException {
    String wanted = revision == null ? "" : revision.strip();
    if (!wanted.isEmpty() && org.semver4j.Semver.isValid(wanted.startsWith("v") ? wanted.substring(1) : wanted)) {
      return wanted;
    }
    Http.Response tags = s.get("tags/list", null);
    if (tags.status() != 200) {
      throw new IOException("GET tags: HTTP " + tags.status());
    }
    List<String> versions = new ArrayList<>();
    for (JsonNode t : JSON.readTree(tags.body()).path("tags")) {
      versions.add(t.asText().replace('_', '+'));
    }
    return VersionChooser.choose(versions, wanted)
        .orElseThrow(() -> new IOException("no tag matches '" + wanted + "' (available: " + String.join(", ", versions) + ")"));
  }

  /** Requests to one repository, answering the registry's authentication challenge once. */
  private static final class Session {
    private final Http http;
    private final RepositoryAuth auth;
    private final URI base;
    private String authorization;
    private boolean challenged;

    Session(Http http, RepositoryAuth auth, URI base) {
      this.http = http;
      this.auth = auth;
      this.base = base;
    }

    Http.Response get(String path, String accept) throws IOException {
      URI uri = base.resolve(path);
      Http.Response r = http.get(uri, authorization, accept);
      if (r.status() == 401 && !challenged) {
        challenged = true;
        authorization = answer(r.header("WWW-Authenticate"));
        r = http.get(uri, authorization, accept);
      }
      if (r.status() == 401) {
        throw new IOException("the registry refused the credentials (HTTP 401)");
      }
      return r;
    }

    private String answer(String challenge) throws IOException {
      if (challenge == null || challenge.regionMatches(true, 0, "Basic", 0, 5)) {
        return Http.basic(auth);
      }
      if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
        throw new IOException("unsupported registry authentication");
      }
      Map<String, String> params = new HashMap<>();
      Matcher m = PARAM.matcher(challenge);
      while (m.find()) {
        params.put(m.group(1), m.group(2));
      }
      String realm = params.get("realm");
      if (realm == null) {
        throw new IOException("registry authentication challenge has no realm");
      }
      StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
      for (String key : List.of("service", "scope")) {
        if (params.containsKey(key)) {
          q.append(key).append('=').append(URLEncoder.encode(params.get(key), StandardCharsets.UTF_8)).append('&');
        }
      }
      Http.Response token = http.get(URI.create(q.toString()), Http.basic(auth), null);
      if (token.status() != 200) {
        throw new IOException("token request: HTTP " + token.status());
      }
      JsonNode body = JSON.readTree(token.body());
      String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText(null);
      if (value == null) {
        throw new IOException("token response has no token");
      }
      return "Bearer " + value;
    }
  }
}
