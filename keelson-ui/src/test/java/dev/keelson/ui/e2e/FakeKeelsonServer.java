package dev.keelson.ui.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keelson.ui.UiAssets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built UI served as keelson-server will serve it (through {@link UiAssets}, with SPA
 * fallback) beside a canned {@code /api/v1} in keelson-server's JSON shapes, on loopback. It
 * records the actions it receives so tests can check what the UI sent.
 */
final class FakeKeelsonServer implements AutoCloseable {
  static final String USER = "admin";
  static final String PASSWORD = "correct horse";
  static final String CSRF = "csrf-7f3a";
  private static final String COOKIE = "keelson_session=s1";
  private static final Pattern APP = Pattern.compile("^/api/v1/applications/([^/]+)/([^/]+)(/[a-z-]+)?$");

  /** One POST the UI made: its path, body and CSRF header. */
  record Action(String path, Map<String, Object> body, String csrf) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer http;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final UiAssets assets = new UiAssets();
  private final List<Map<String, Object>> apps;
  private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
  final List<Action> actions = new CopyOnWriteArrayList<>();
  /** When set, every API request without the session cookie is answered 401. */
  volatile boolean requireLogin;
  /**
   * When set, GET /api/v1/session without the cookie is 401 while everything else answers, as the
   * real server does for an anonymous caller (its list is then empty, not refused).
   */
  volatile boolean requireSession;
  private volatile boolean closing;

  FakeKeelsonServer(int appCount) throws IOException {
    apps = CannedApps.generate(appCount);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(pool);
    http.createContext("/", this::handle);
    http.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + path;
  }

  /** Sends an upsert of this summary to every open stream. */
  void pushUpsert(Map<String, Object> summary) throws IOException {
    String event = "event: upsert\ndata: " + json.writeValueAsString(summary) + "\n\n";
    for (BlockingQueue<String> q : streams) q.add(event);
  }

  int openStreams() {
    return streams.size();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      if (path.startsWith("/api/")) api(ex, path);
      else ui(ex, path);
    } catch (RuntimeException e) {
      send(ex, 500, Map.of("code", "internal", "message", String.valueOf(e.getMessage())));
    }
  }

  private void ui(HttpExchange ex, String path) throws IOException {
    var asset = assets.resolve(ex.getRequestURI().toString());
    if (asset.isEmpty()) {
      ex.sendResponseHeaders(404, -1);
      return;
    }
    ex.getResponseHeaders().set("Content-Type", asset.get().contentType());
    ex.getResponseHeaders().set("Cache-Control", asset.get().cacheControl());
    ex.sendResponseHeaders(200, asset.get().content().length);
    ex.getResponseBody().write(asset.get().content());
  }

  private boolean loggedIn(HttpExchange ex) {
    String cookie = ex.getRequestHeaders().getFirst("Cookie");
    return cookie != null && cookie.contains(COOKIE);
  }

  private void api(HttpExchange ex, String path) throws IOException {
    String method = ex.getRequestMethod();
    if (path.equals("/api/v1/session") && method.equals("POST")) {
      login(ex);
      return;
    }
    if (requireLogin && !loggedIn(ex)) {
      send(ex, 401, Map.of("code", "unauthenticated", "message", "log in first"));
      return;
    }
    if (path.equals("/api/v1/session") && requireSession && !loggedIn(ex)) {
      send(ex, 401, Map.of("code", "unauthenticated", "message", "no session"));
    } else if (path.equals("/api/v1/session")) {
      send(ex, 200, Map.of("username", USER, "csrfToken", CSRF));
    } else if (path.equals("/api/v1/applications")) {
      list(ex, query(ex));
    } else if (path.equals("/api/v1/stream")) {
      stream(ex);
    } else {
      Matcher m = APP.matcher(path);
      if (!m.matches()) {
        send(ex, 404, Map.of("code", "not_found", "message", "no route " + path));
        return;
      }
      app(ex, decode(m.group(1)), decode(m.group(2)), m.group(3) == null ? "" : m.group(3), method);
    }
  }

  private void login(HttpExchange ex) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> body = json.readValue(ex.getRequestBody(), Map.class);
    if (!USER.equals(body.get("username")) || !PASSWORD.equals(body.get("password"))) {
      send(ex, 401, Map.of("code", "unauthenticated", "message", "wrong username or password"));
      return;
    }
    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "; Path=/; HttpOnly; SameSite=Strict");
    send(ex, 200, Map.of("token", "s1", "expiresAt", "2026-12-03T00:00:00Z", "csrfToken", CSRF));
  }

  private void list(HttpExchange ex, Map<String, String> q) throws IOException {
    int limit = Math.min(1000, Integer.parseInt(q.getOrDefault("limit", "100")));
    int from = Integer.parseInt(q.getOrDefault("continue", "0"));
    List<Map<String, Object>> matching = new ArrayList<>();
    Map<String, Integer> sync = new LinkedHashMap<>(Map.of("Synced", 0, "OutOfSync", 0, "Unknown", 0));
    Map<String, Integer> health = new LinkedHashMap<>();
    for (String h : List.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown")) health.put(h, 0);
    for (Map<String, Object> a : apps) {
      if (CannedApps.matches(a, q, true, true)) matching.add(a);
      if (CannedApps.matches(a, q, false, true)) sync.merge((String) a.get("sync"), 1, Integer::sum);
      if (CannedApps.matches(a, q, true, false)) health.merge((String) a.get("health"), 1, Integer::sum);
    }
    int to = Math.min(matching.size(), from + limit);
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("items", matching.subList(Math.min(from, to), to));
    page.put("continue", to < matching.size() ? String.valueOf(to) : null);
    page.put("total", matching.size());
    page.put("counts", Map.of("sync", sync, "health", health));
    send(ex, 200, page);
  }

  private void stream(HttpExchange ex) throws IOException {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    streams.add(queue);
    try {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      out.write("event: ready\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (!closing) {
        String event = queue.poll(200, TimeUnit.MILLISECONDS);
        if (event == null) continue;
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException gone) {
      // The page went away; its queue goes with it.
    } finally {
      streams.remove(queue);
    }
  }

  private void app(HttpExchange ex, String ns, String name, String sub, String method) throws IOException {
    Map<String, Object> summary = apps.stream()
        .filter(a -> a.get("namespace").equals(ns) && a.get("name").equals(name)).findFirst().orElse(null);
    if (summary == null) {
      send(ex, 404, Map.of("code", "not_found", "message", "application " + ns + "/" + name + " not found"));
      return;
    }
    if (method.equals("POST")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> body = json.readValue(ex.getRequestBody(), Map.class);
      actions.add(new Action(sub, body, ex.getRequestHeaders().getFirst("X-Keelson-CSRF")));
      send(ex, 200, Map.of("action", sub.substring(1), "namespace", ns, "name", name, "token", "t-" + actions.size()));
      return;
    }
    switch (sub) {
      case "" -> send(ex, 200, CannedDetail.detail(summary));
      case "/resource-tree" -> send(ex, 200, CannedDetail.tree());
      case "/manifests" -> send(ex, 200, CannedDetail.manifests());
      case "/diff" -> send(ex, 200, CannedDetail.diff());
      case "/history" -> send(ex, 200, CannedDetail.history());
      case "/events" -> send(ex, 200, CannedDetail.events());
      case "/operation" -> send(ex, 200, Map.of("operation", CannedDetail.operation()));
      case "/logs" -> logs(ex, query(ex));
      default -> send(ex, 404, Map.of("code", "not_found", "message", "no route " + sub));
    }
  }

  /** The log of a Pod of the canned tree, sent in two chunks as a followed log arrives. */
  private void logs(HttpExchange ex, Map<String, String> q) throws IOException {
    if (!"web-7d9f-c".equals(q.get("pod")) || !"prod".equals(q.get("podNamespace"))) {
      send(ex, 404, Map.of("code", "not_found", "message", "pod " + q.get("podNamespace") + "/" + q.get("pod") + " is not part of the app"));
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    out.write("starting web on :8080\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    out.write("readiness probe failed: connection refused\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) return q;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) q.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return q;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    closing = true;
    http.stop(0);
    pool.shutdownNow();
  }
}
