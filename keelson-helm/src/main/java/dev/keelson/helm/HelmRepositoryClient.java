package dev.keelson.helm;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A classic Helm repository: {@code index.yaml} lists each chart's versions, URLs and digests. */
final class HelmRepositoryClient {

  private final ChartCache cache;

  HelmRepositoryClient(ChartCache cache) {
    this.cache = cache;
  }

  FetchedChart fetch(RemoteChart chart) throws IOException {
    Http http = new Http(chart.auth());
    String base = chart.repositoryUrl().endsWith("/") ? chart.repositoryUrl() : chart.repositoryUrl() + "/";
    URI repo = URI.create(base);
    URI indexUri = repo.resolve("index.yaml");
    Http.Response index = http.get(indexUri, Http.basic(chart.auth()), null);
    if (index.status() != 200) {
      throw new IOException("GET index.yaml: HTTP " + index.status());
    }
    Map<String, Map<String, Object>> versions = versions(index.body(), chart.name());
    if (versions.isEmpty()) {
      throw new IOException("the repository has no chart named " + chart.name());
    }
    String version = VersionChooser.choose(versions.keySet(), chart.revision())
        .orElseThrow(() -> new IOException("no version matches '" + chart.revision() + "' (available: "
            + String.join(", ", versions.keySet()) + ")"));
    Map<String, Object> entry = versions.get(version);
    String digest = entry.get("digest") instanceof String d ? d.toLowerCase() : null;
    Optional<byte[]> cached = cache.get(digest);
    if (cached.isPresent()) {
      return new FetchedChart(cached.get(), digest, version);
    }
    if (!(entry.get("urls") instanceof List<?> urls) || urls.isEmpty() || !(urls.get(0) instanceof String url)) {
      throw new IOException("index.yaml has no URL for " + chart.name() + " " + version);
    }
    URI archiveUri = repo.resolve(url);
    // Like Helm without --pass-credentials: the repository's credentials go to its own host only.
    String authorization = Http.sameOrigin(repo, archiveUri) ? Http.basic(chart.auth()) : null;
    Http.Response archive = http.get(archiveUri, authorization, null);
    if (archive.status() != 200) {
      throw new IOException("GET " + Redaction.url(archiveUri.toString()) + ": HTTP " + archive.status());
    }
    String actual = Digests.sha256Hex(archive.body());
    if (digest != null && !digest.isEmpty() && !digest.equals(actual)) {
      throw new IOException("digest mismatch for " + chart.name() + " " + version + ": index.yaml says "
          + digest + ", the archive is " + actual);
    }
    cache.put(archive.body());
    return new FetchedChart(archive.body(), actual, version);
  }

  /** The entries of one chart keyed by version. */
  static Map<String, Map<String, Object>> versions(byte[] indexYaml, String name) throws IOException {
    Object parsed;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(64 * 1024 * 1024);
      parsed = new Yaml(new SafeConstructor(options)).load(new String(indexYaml, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException("invalid index.yaml: " + e.getMessage());
    }
    Map<String, Map<String, Object>> out = new HashMap<>();
    if (parsed instanceof Map<?, ?> root && root.get("entries") instanceof Map<?, ?> entries
        && entries.get(name) instanceof List<?> list) {
      for (Object o : new ArrayList<>(list)) {
        if (o instanceof Map<?, ?> m && m.get("version") != null) {
          @SuppressWarnings("unchecked")
          Map<String, Object> e = (Map<String, Object>) m;
          out.put(String.valueOf(m.get("version")), e);
        }
      }
    }
    return out;
  }
}
