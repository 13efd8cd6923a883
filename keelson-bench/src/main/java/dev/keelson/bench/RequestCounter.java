package dev.keelson.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the API requests of one fabric8 client, as an HTTP interceptor: every request when it
 * is sent (retries included), a watch when it is opened. Requests are also counted by
 * {@code METHOD resource}, e.g. {@code PATCH configmaps}, {@code PATCH configmaps (dry-run)},
 * {@code GET deployments (watch)}, so that a figure can be traced to its source.
 */
public final class RequestCounter implements Interceptor {
  public static final String NAME = "keelson-bench-requests";

  private final LongAdder total = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder dryRuns = new LongAdder();
  private final LongAdder watches = new LongAdder();
  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

  /** A point-in-time copy; {@link #minus} gives what happened between two of them. */
  public record Snapshot(long total, long writes, long dryRuns, long watches, Map<String, Long> byKind) {
    public Snapshot minus(Snapshot earlier) {
      Map<String, Long> diff = new TreeMap<>();
      byKind.forEach((k, v) -> {
        long d = v - earlier.byKind.getOrDefault(k, 0L);
        if (d != 0) diff.put(k, d);
      });
      return new Snapshot(total - earlier.total, writes - earlier.writes, dryRuns - earlier.dryRuns,
          watches - earlier.watches, diff);
    }
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    record(request.method(), request.uri());
  }

  void record(String method, URI uri) {
    String m = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    boolean watch = hasParam(query, "watch", "true") || hasParam(query, "watch", "1");
    boolean dryRun = hasParam(query, "dryRun", "All");
    total.increment();
    if (!m.equals("GET") && !m.equals("HEAD")) writes.increment();
    if (dryRun) dryRuns.increment();
    if (watch) watches.increment();
    String key = m + " " + resourceOf(uri.getRawPath()) + (watch ? " (watch)" : "") + (dryRun ? " (dry-run)" : "");
    byKind.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  public Snapshot snapshot() {
    Map<String, Long> kinds = new TreeMap<>();
    byKind.forEach((k, v) -> kinds.put(k, v.sum()));
    return new Snapshot(total.sum(), writes.sum(), dryRuns.sum(), watches.sum(), kinds);
  }

  private static boolean hasParam(String query, String name, String value) {
    for (String part : query.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).equals(name) && part.substring(eq + 1).equalsIgnoreCase(value)) return true;
    }
    return false;
  }

  /** {@code /api/v1/namespaces/x/configmaps/y} is {@code configmaps}; subresources are kept: {@code applications/status}. */
  static String resourceOf(String path) {
    if (path == null) return "?";
    String[] s = java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
    int i;
    if (s.length >= 2 && s[0].equals("api")) i = 2;
    else if (s.length >= 3 && s[0].equals("apis")) i = 3;
    else return "/" + String.join("/", s);
    if (i >= s.length) return "discovery";
    if (s[i].equals("namespaces") && s.length > i + 2) i += 2;
    String resource = s[i];
    if (s.length > i + 2) resource += "/" + s[i + 2];
    return resource;
  }
}
