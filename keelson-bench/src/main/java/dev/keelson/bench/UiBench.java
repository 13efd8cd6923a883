package dev.keelson.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.auth.AuthOptions;
import dev.keelson.auth.KeelsonAuth;
import dev.keelson.server.KeelsonServer;
import dev.keelson.server.ServerOptions;
import dev.keelson.server.login.LoginRoutes;
import dev.keelson.ui.UiAssets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The API server and the UI over a large index: N Applications in the cluster (created without a
 * controller reconciling them: the server indexes what the API server holds, and a list's cost
 * does not depend on what status says), plus one app an engine syncs so that its resource tree
 * has live objects to read. The server runs in this process with keelson-auth (RBAC asked for
 * every app of every list), and is called over HTTP with an admin session, as the UI calls it.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
    description = {
      "The API server over N Applications: p50/p99 of the list call (first page, a filtered page, counts) and of one"
          + " app's resource tree, over HTTP with a session; then the time to first render of the list page in headless"
          + " Chromium. Targets: list p99 under 200 ms, first render under 1 s.",
      "Result: one JSON object on the last line of stdout."})
public final class UiBench extends ScenarioCommand {
  static final double LIST_P99_TARGET_MS = 200;
  static final double FIRST_RENDER_TARGET_MS = 1000;
  /** What the UI's list page marks in the performance timeline once its first rows are painted. */
  static final String FIRST_RENDER_MARK = "keelson:list-rendered";

  @Option(names = "--apps", defaultValue = "10000", description = "Number of Applications (default: ${DEFAULT-VALUE}).")
  int apps;

  @Option(names = "--samples", defaultValue = "200", description = "Requests measured per call (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--warmup", defaultValue = "50", description = "Requests per call before measuring (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--page-loads", defaultValue = "10", description = "Loads of the list page in Chromium (default: ${DEFAULT-VALUE}).")
  int pageLoads;

  @Option(names = "--chromium", defaultValue = "/usr/bin/chromium", description = "Chromium (default: ${DEFAULT-VALUE}).")
  Path chromium;

  @Option(names = "--chromedriver", defaultValue = "/usr/bin/chromedriver", description = "chromedriver (default: ${DEFAULT-VALUE}).")
  Path chromedriver;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  String name() {
    return "ui";
  }

  @Override
  Map<String, Object> parameters() {
    if (apps < 1) throw new IllegalArgumentException("--apps must be at least 1");
    if (samples < 1) throw new IllegalArgumentException("--samples must be at least 1");
    if (warmup < 0) throw new IllegalArgumentException("--warmup must not be negative");
    if (pageLoads < 1) throw new IllegalArgumentException("--page-loads must be at least 1");
    if (!Files.isExecutable(chromium)) throw new IllegalArgumentException("--chromium: " + chromium + " is not executable (apt-get install chromium)");
    if (!Files.isExecutable(chromedriver)) {
      throw new IllegalArgumentException("--chromedriver: " + chromedriver + " is not executable (apt-get install chromium-driver)");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("apps", apps);
    p.put("samples", samples);
    p.put("warmup", warmup);
    p.put("page_loads", pageLoads);
    return p;
  }

  @Override
  void run(BenchContext ctx, Map<String, Object> result) throws Exception {
    if (!new UiAssets().present()) throw new IllegalStateException("this build carries no UI bundle (built with -Dkeelson.skipWeb)");
    ctx.installCrd();
    Path work = ctx.tempDir("keelson-bench-ui-");
    AppShape shape = new AppShape(4);
    // the one app with a tree: synced by an engine watching only its namespace
    Scenarios.Fixture fx = Scenarios.repoWithApps(ctx, work, shape, 1);
    String treeNs = ctx.namespace("ui-tree");
    String treeApp = fx.names().get(0);
    var log = ctx.watchApps(treeNs, fx.sha(), false);
    ctx.startEngine(Set.of(treeNs), work.resolve("cache"));
    ctx.createApps(List.of(AppShape.application(treeApp, treeNs, fx.repo().url(), BenchRepo.appPath(treeApp),
        BenchRepo.BRANCH, false, "10m")));
    ctx.awaitAll(log, fx.names(), "ready");

    String ns = ctx.namespace("ui");
    List<String> yamls = new ArrayList<>(apps);
    for (int i = 1; i <= apps; i++) yamls.add(unreconciled(String.format(Locale.ROOT, "app-%05d", i), i, ns, fx.repo().url()));
    ctx.progress.say("creating " + apps + " Applications in " + ns + " (no controller reconciles them)");
    double createSeconds = ctx.createApps(yamls);

    String authNs = ctx.namespace("ui-auth");
    KubernetesClient client = new KubernetesClientBuilder().withConfig(ctx.config).build();
    ctx.cleanup.add("close the server's client", client::close);
    KeelsonAuth auth = KeelsonAuth.start(client, AuthOptions.defaults().withNamespace(authNs));
    ctx.cleanup.add("stop the authentication watches", auth::close);
    long t0 = System.nanoTime();
    KeelsonServer server = KeelsonServer.start(client,
        ServerOptions.defaults(ctx.tempDir("keelson-bench-ui-cache-")).withPort(0).withControllerNamespace(authNs),
        auth.authenticator(), auth.authorizer(), List.of(new LoginRoutes(auth)));
    ctx.cleanup.add("stop the API server", server::close);
    double startSeconds = Text.seconds(System.nanoTime() - t0);
    String base = "http://127.0.0.1:" + server.port();
    Http http = new Http(base);
    String token = login(ctx, http, client, authNs);

    String nsQuery = "namespace=" + ns;
    awaitIndexed(ctx, http, token, nsQuery, apps);
    ctx.progress.say(String.format(Locale.ROOT, "server up in %.1fs, %d apps indexed; measuring", startSeconds, apps));

    Map<String, String> calls = new LinkedHashMap<>();
    calls.put("list_first_page", "/api/v1/applications?limit=100");
    calls.put("list_filtered", "/api/v1/applications?limit=100&" + nsQuery + "&label=" + enc("tier=web") + "&search=app-01");
    calls.put("list_counts", "/api/v1/applications?limit=1&" + nsQuery + "&sync=OutOfSync");
    calls.put("list_page_1000", "/api/v1/applications?limit=1000");
    calls.put("tree", "/api/v1/applications/" + treeNs + "/" + treeApp + "/resource-tree");
    Map<String, Object> figures = new LinkedHashMap<>();
    double listP99 = 0;
    for (var call : calls.entrySet()) {
      List<Double> ms = measure(ctx, http, token, call.getValue());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", call.getValue());
      m.put("bytes", http.get(call.getValue(), token).body().length());
      Scenarios.putPercentiles(m, "latency", ms);
      m.remove("latency_samples_ms");
      figures.put(call.getKey(), m);
      if (call.getKey().startsWith("list_") && !call.getKey().equals("list_page_1000")) {
        listP99 = Math.max(listP99, Percentiles.nearestRank(ms, 99));
      }
      ctx.progress.say(String.format(Locale.ROOT, "%s: p50 %.1f ms, p99 %.1f ms", call.getKey(),
          Percentiles.nearestRank(ms, 50), Percentiles.nearestRank(ms, 99)));
    }

    ctx.progress.say("loading the list page " + pageLoads + " times in headless Chromium");
    List<Double> renders = firstRenders(ctx, base, token);
    double cold = renders.get(0);
    List<Double> warm = renders.size() > 1 ? renders.subList(1, renders.size()) : renders;
    ctx.progress.say(String.format(Locale.ROOT, "first render: %.0f ms cold, p50 %.0f ms warm", cold,
        Percentiles.nearestRank(warm, 50)));

    result.put("apps_indexed", apps + 1);
    result.put("create_seconds", Text.round(createSeconds, 1));
    result.put("server_start_seconds", Text.round(startSeconds, 2));
    result.put("calls", figures);
    result.put("list_p99_ms", Text.round(listP99, 1));
    result.put("list_p99_target_ms", LIST_P99_TARGET_MS);
    result.put("list_p99_met", listP99 < LIST_P99_TARGET_MS);
    result.put("first_render_cold_ms", Text.round(cold, 0));
    result.put("first_render_warm_p50_ms", Text.round(Percentiles.nearestRank(warm, 50), 0));
    result.put("first_render_warm_max_ms", Text.round(Percentiles.nearestRank(warm, 100), 0));
    result.put("first_render_samples_ms", renders.stream().map(v -> Text.round(v, 0)).toList());
    result.put("first_render_target_ms", FIRST_RENDER_TARGET_MS);
    result.put("first_render_met", Percentiles.nearestRank(renders, 100) < FIRST_RENDER_TARGET_MS);
  }

  /** An Application no controller watches: labels to filter by, a source, no status. */
  static String unreconciled(String name, int i, String ns, String repoUrl) {
    String tier = switch (i % 3) {
      case 0 -> "web";
      case 1 -> "api";
      default -> "worker";
    };
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
          labels: {tier: %s, team: team-%d}
        spec:
          interval: 10m
          source:
            repoURL: %s
            path: apps/%s
          destination:
            namespace: %s
        """.formatted(name, ns, tier, i % 10, repoUrl, name, ns);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** admin's initial password, as a user reads it from the Secret, for a session token. */
  private static String login(BenchContext ctx, Http http, KubernetesClient client, String authNs) throws Exception {
    String password = null;
    while (password == null) {
      Secret s = client.secrets().inNamespace(authNs).withName("keelson-initial-admin").get();
      if (s != null && s.getData() != null && s.getData().get("password") != null) {
        password = new String(Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8);
      } else {
        ctx.deadline.pause(Duration.ofMillis(200), "waiting for the initial admin password");
      }
    }
    String body = JSON.writeValueAsString(Map.of("username", "admin", "password", password));
    HttpResponse<String> r = http.post("/api/v1/session", body);
    if (r.statusCode() != 200) throw new IllegalStateException("login as admin: HTTP " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body()).path("token").asText();
  }

  private static void awaitIndexed(BenchContext ctx, Http http, String token, String query, int apps) throws Exception {
    while (true) {
      HttpResponse<String> r = http.get("/api/v1/applications?limit=1&" + query, token);
      long total = r.statusCode() == 200 ? JSON.readTree(r.body()).path("total").asLong() : -1;
      if (total >= apps) return;
      ctx.progress.every(() -> "the server has indexed " + Math.max(0, total) + "/" + apps + " apps");
      ctx.deadline.pause(Duration.ofMillis(200), "waiting for the server to index the apps");
    }
  }

  private List<Double> measure(BenchContext ctx, Http http, String token, String path) throws Exception {
    for (int i = 0; i < warmup; i++) check(http.get(path, token), path);
    List<Double> ms = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      ctx.deadline.check("measuring " + path);
      long t = System.nanoTime();
      HttpResponse<String> r = http.get(path, token);
      ms.add(Text.millis(System.nanoTime() - t));
      check(r, path);
    }
    return ms;
  }

  private static void check(HttpResponse<String> r, String path) {
    if (r.statusCode() != 200) throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
  }

  /**
   * The list page loaded {@code pageLoads} times, the first with nothing cached: the time from
   * navigation start to the page's first-render mark, as the page's own clock reads it.
   */
  private List<Double> firstRenders(BenchContext ctx, String base, String token) throws Exception {
    try (ListPageBrowser browser = new ListPageBrowser(chromium, chromedriver)) {
      browser.session(base, token);
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < pageLoads; i++) {
        ctx.deadline.check("loading the list page");
        ms.add(browser.firstRender(base + "/"));
      }
      return ms;
    }
  }

  /** Plain HTTP as the UI's client sends it. */
  record Http(HttpClient client, String base) {
    Http(String base) {
      this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
