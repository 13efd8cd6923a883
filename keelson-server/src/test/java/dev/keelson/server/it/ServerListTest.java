package dev.keelson.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.server.KeelsonServer;
import dev.keelson.server.ServerOptions;
import dev.keelson.server.http.Access;
import dev.keelson.server.http.Method;
import dev.keelson.server.http.RouteSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The list, its filters, counts and pagination, the authorisation seam, errors and the stream,
 * over apps whose status the test writes itself (no controller runs in this class).
 */
class ServerListTest extends ServerTestBase {
  static String ns;
  static AuditLog log;
  /** web-00 .. web-11 and secret-1, secret-2: what the test wrote, to compute the expected counts. */
  static final List<Spec> SPECS = new ArrayList<>();

  record Spec(String name, String project, String tier, String cluster, String sync, String health) {}

  @BeforeAll
  static void apps() throws Exception {
    log = new AuditLog();
    ns = cluster.createNamespace("srv");
    for (int i = 0; i < 12; i++) {
      SPECS.add(new Spec(String.format("web-%02d", i), i % 3 == 0 ? "team-a" : "default", i % 2 == 0 ? "web" : "db",
          i % 4 == 0 ? "prod" : "https://kubernetes.default.svc", i % 2 == 0 ? "Synced" : "OutOfSync",
          i % 3 == 0 ? "Degraded" : "Healthy"));
    }
    SPECS.add(new Spec("secret-1", "default", null, "https://kubernetes.default.svc", "Synced", "Healthy"));
    SPECS.add(new Spec("secret-2", "default", null, "https://kubernetes.default.svc", "OutOfSync", "Healthy"));
    for (Spec s : SPECS) create(s);
    await().atMost(TIMEOUT).until(() -> list(TestAuth.ALICE, "namespace=" + ns + "&health=Degraded").path("total").asInt() == 4);
  }

  @AfterAll
  static void closeLog() {
    log.close();
  }

  static void create(Spec s) {
    String dest = s.cluster().startsWith("https://") ? "server: " + s.cluster() : "name: " + s.cluster();
    Application app = createApp("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
          %s
        spec:
          project: %s
          source:
            repoURL: https://git.example.com/%s.git
            path: deploy/%s
          destination:
            %s
            namespace: %s
        """.formatted(s.name(), ns, s.tier() == null ? "" : "labels: {tier: " + s.tier() + "}", s.project(), s.name(),
        s.name(), dest, s.name()));
    ApplicationStatus status = new ApplicationStatus();
    status.sync = new ApplicationStatus.SyncStatus();
    status.sync.status = s.sync();
    status.sync.revision = "0123456789abcdef0123456789abcdef01234567";
    status.health = new ApplicationStatus.HealthStatusView();
    status.health.status = s.health();
    app.setStatus(status);
    client.resource(app).updateStatus();
  }

  static JsonNode list(String token, String query) throws Exception {
    Api.Response r = api.get("/api/v1/applications?" + query, token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("items").forEach(i -> names.add(i.path("name").asText()));
    return names;
  }

  @Test
  @DisplayName("pages follow continue tokens in namespace/name order, each app once; total and counts cover all pages")
  void pagination() throws Exception {
    List<String> seen = new ArrayList<>();
    String query = "namespace=" + ns + "&limit=5";
    JsonNode page = list(TestAuth.ALICE, query);
    List<Integer> sizes = new ArrayList<>();
    while (true) {
      sizes.add(page.path("items").size());
      assertThat(page.path("total").asInt()).isEqualTo(14);
      seen.addAll(names(page));
      if (page.path("continue").isMissingNode() || page.path("continue").isNull()) break;
      page = list(TestAuth.ALICE, query + "&continue=" + page.path("continue").asText());
    }
    assertThat(sizes).containsExactly(5, 5, 4);
    assertThat(seen).isEqualTo(SPECS.stream().map(Spec::name).sorted().toList());
    JsonNode counts = page.path("counts");
    assertThat(counts.path("sync").path("Synced").asInt()).isEqualTo(count(s -> s.sync().equals("Synced")));
    assertThat(counts.path("sync").path("OutOfSync").asInt()).isEqualTo(count(s -> s.sync().equals("OutOfSync")));
    assertThat(counts.path("health").path("Degraded").asInt()).isEqualTo(4);
    assertThat(counts.path("health").path("Missing").asInt()).isZero();
  }

  static long count(java.util.function.Predicate<Spec> p) {
    return SPECS.stream().filter(p).count();
  }

  @Test
  @DisplayName("filters by sync, health, project, cluster, label and free text; counts are facets of the other filters")
  void filters() throws Exception {
    JsonNode outOfSync = list(TestAuth.ALICE, "namespace=" + ns + "&sync=OutOfSync");
    assertThat(names(outOfSync)).containsExactlyElementsOf(
        SPECS.stream().filter(s -> s.sync().equals("OutOfSync")).map(Spec::name).sorted().toList());
    // the sync counts ignore the sync filter, so the page still says how many are Synced
    assertThat(outOfSync.path("counts").path("sync").path("Synced").asInt()).isEqualTo(count(s -> s.sync().equals("Synced")));
    // the health counts obey it
    assertThat(outOfSync.path("counts").path("health").path("Degraded").asInt())
        .isEqualTo(count(s -> s.sync().equals("OutOfSync") && s.health().equals("Degraded")));

    assertThat(names(list(TestAuth.ALICE, "namespace=" + ns + "&project=team-a&health=Degraded")))
        .containsExactly("web-00", "web-03", "web-06", "web-09");
    assertThat(names(list(TestAuth.ALICE, "namespace=" + ns + "&cluster=prod"))).containsExactly("web-00", "web-04", "web-08");
    assertThat(names(list(TestAuth.ALICE, "namespace=" + ns + "&label=tier%3Ddb")))
        .containsExactly("web-01", "web-03", "web-05", "web-07", "web-09", "web-11");
    assertThat(list(TestAuth.ALICE, "namespace=" + ns + "&label=tier").path("total").asInt()).isEqualTo(12);
    assertThat(list(TestAuth.ALICE, "namespace=" + ns + "&label=tier!%3Ddb").path("total").asInt()).isEqualTo(8);
    assertThat(list(TestAuth.ALICE, "namespace=" + ns + "&search=WEB-0").path("total").asInt()).isEqualTo(10);
    assertThat(names(list(TestAuth.ALICE, "namespace=" + ns + "&search=deploy/secret-2"))).containsExactly("secret-2");
    JsonNode first = list(TestAuth.ALICE, "namespace=" + ns + "&limit=1&label=tier").path("items").get(0);
    assertThat(first.path("project").asText()).isEqualTo("team-a");
    assertThat(first.path("cluster").asText()).isEqualTo("prod");
    assertThat(first.path("repoURL").asText()).isEqualTo("https://git.example.com/web-00.git");
    assertThat(first.has("status")).as("a summary, not the status").isFalse();
  }

  @Test
  @DisplayName("an app the authoriser denies is absent from lists and counts, and 403 when asked for by name")
  void authorisation() throws Exception {
    JsonNode eve = list(TestAuth.EVE, "namespace=" + ns);
    assertThat(names(eve)).hasSize(12).noneMatch(n -> n.startsWith("secret-"));
    assertThat(eve.path("total").asInt()).isEqualTo(12);
    int synced = eve.path("counts").path("sync").path("Synced").asInt();
    int outOfSync = eve.path("counts").path("sync").path("OutOfSync").asInt();
    assertThat(synced + outOfSync).isEqualTo(12);
    assertThat(list(TestAuth.EVE, "namespace=" + ns + "&search=secret").path("total").asInt()).isZero();

    assertThat(api.get("/api/v1/applications/" + ns + "/secret-1", TestAuth.ALICE).status()).isEqualTo(200);
    Api.Response denied = api.get("/api/v1/applications/" + ns + "/secret-1", TestAuth.EVE);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.code()).isEqualTo("forbidden");
    assertThat(api.get("/api/v1/applications/" + ns + "/secret-1/history", TestAuth.EVE).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/applications/" + ns + "/web-01", TestAuth.EVE).json().path("summary").path("name").asText())
        .isEqualTo("web-01");
    assertThat(api.get("/api/v1/applications/" + ns + "/no-such-app", TestAuth.EVE).code()).isEqualTo("not_found");

    Api.Response anonymous = api.get("/api/v1/applications?namespace=" + ns, null);
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.json().path("total").asInt()).as("anonymous sees nothing").isZero();
    Api.Response anonymousApp = api.get("/api/v1/applications/" + ns + "/web-01", null);
    assertThat(anonymousApp.status()).isEqualTo(401);
    assertThat(anonymousApp.code()).isEqualTo("unauthenticated");
    Api.Response expired = api.get("/api/v1/applications", TestAuth.EXPIRED);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().path("message").asText()).isEqualTo("token expired");
    assertThat(api.get("/api/v1/applications", "limited").code()).isEqualTo("rate_limited");
    assertThat(api.get("/api/v1/applications", "limited").status()).isEqualTo(429);
  }

  @Test
  @DisplayName("an action the authoriser denies is 403, writes nothing, and leaves a denied line in the audit log")
  void deniedAction() throws Exception {
    Api.Response r = api.post("/api/v1/applications/" + ns + "/web-02/sync", TestAuth.EVE, "{}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("forbidden");
    assertThat(client.resources(Application.class).inNamespace(ns).withName("web-02").get().getMetadata().getAnnotations())
        .doesNotContainKey("keelson.dev/sync-requested-at");
    assertThat(log.auditLines()).anyMatch(l -> l.contains("user=eve action=sync object=default/" + ns + "/web-02 result=denied"));
  }

  @Test
  @DisplayName("bad input is a 400 with a stable code: unknown field, malformed JSON, a 2 MiB body, wrong types, bad parameters")
  void badInput() throws Exception {
    String sync = "/api/v1/applications/" + ns + "/web-02/sync";
    Api.Response unknown = api.post(sync, TestAuth.ALICE, "{\"prnue\": true}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.code()).isEqualTo("unknown_field");
    assertThat(unknown.json().path("message").asText()).contains("prnue");
    Api.Response malformed = api.post(sync, TestAuth.ALICE, "{\"prune\": tru");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.code()).isEqualTo("malformed_json");
    byte[] huge = ("{\"resources\": [\"" + "x".repeat(2 << 20) + "\"]}").getBytes();
    Api.Response tooLarge = api.postBytes(sync, TestAuth.ALICE, huge);
    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(tooLarge.code()).isEqualTo("body_too_large");
    Api.Response wrongType = api.post(sync, TestAuth.ALICE, "{\"prune\": {\"a\": 1}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.code()).isEqualTo("invalid_body");
    Api.Response badResource = api.post(sync, TestAuth.ALICE, "{\"resources\": [\"ConfigMap/web\"]}");
    assertThat(badResource.code()).isEqualTo("invalid_body");
    Api.Response notAnObject = api.post(sync, TestAuth.ALICE, "[1, 2]");
    assertThat(notAnObject.status()).isEqualTo(400);
    assertThat(api.post("/api/v1/applications/" + ns + "/web-02/suspend", TestAuth.ALICE, "{\"now\": 1}").code())
        .isEqualTo("unknown_field");
    assertThat(client.resources(Application.class).inNamespace(ns).withName("web-02").get().getMetadata().getAnnotations())
        .as("nothing was written").doesNotContainKey("keelson.dev/sync-requested-at");

    for (String q : List.of("limit=0", "limit=x", "limit=1001", "sync=Bogus", "health=fine", "label=%3Dx")) {
      Api.Response r = api.get("/api/v1/applications?" + q, TestAuth.ALICE);
      assertThat(r.status()).as(q).isEqualTo(400);
      assertThat(r.code()).as(q).isEqualTo("invalid_parameter");
    }
    Api.Response badToken = api.get("/api/v1/applications?continue=bm90LW91cnM", TestAuth.ALICE);
    assertThat(badToken.status()).isEqualTo(400);
    assertThat(badToken.code()).isEqualTo("invalid_continue");
    Api.Response noRoute = api.get("/api/v1/nothing-here", TestAuth.ALICE);
    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(noRoute.code()).isEqualTo("not_found");
    Api.Response wrongMethod = api.post("/api/v1/applications", TestAuth.ALICE, "{}");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.code()).isEqualTo("method_not_allowed");
    assertThat(api.post("/api/v1/applications/" + ns + "/web-02/terminate-op", TestAuth.ALICE, "{}").code())
        .isEqualTo("nothing_to_do");
    assertThat(api.post("/api/v1/applications/" + ns + "/web-02/approve", TestAuth.ALICE, "").code())
        .isEqualTo("nothing_to_do");
    assertThat(api.post("/api/v1/applications/" + ns + "/web-02/rollback", TestAuth.ALICE, "{\"historyId\": 7}").code())
        .isEqualTo("invalid_body");
  }

  @Test
  @DisplayName("a RouteSet mounts public endpoints beside the API (as the auth module's login) and cannot take an API path")
  void routeSets() throws Exception {
    record Login(String username, String password) {}
    RouteSet session = routes -> routes.add(Method.POST, "/api/v1/session", Access.PUBLIC, ex -> {
      Login login = ex.body(Login.class);
      ex.header("Set-Cookie", "keelson.token=" + login.username() + "; HttpOnly; Path=/");
      ex.json(java.util.Map.of("user", login.username(), "hadCookie", ex.credentials().sessionCookie().isPresent()));
    });
    try (KeelsonServer withLogin = KeelsonServer.start(client,
        ServerOptions.defaults(java.nio.file.Files.createTempDirectory("keelson-server-cache-")).withPort(0),
        TestAuth.AUTHENTICATOR, TestAuth.AUTHORIZER, List.of(session))) {
      Api other = new Api(withLogin.port());
      // public: an expired token does not stop a login
      Api.Response r = other.post("/api/v1/session", TestAuth.EXPIRED, "{\"username\": \"alice\", \"password\": \"x\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().path("user").asText()).isEqualTo("alice");
      assertThat(other.post("/api/v1/session", null, "{\"user\": \"alice\"}").code()).isEqualTo("unknown_field");
      assertThat(other.get("/api/v1/applications?namespace=" + ns, TestAuth.ALICE).json().path("total").asInt()).isEqualTo(14);
    }
    RouteSet hijack = routes -> routes.get("/api/v1/applications", ex -> ex.json(java.util.Map.of()));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeelsonServer.start(client,
            ServerOptions.defaults(java.nio.file.Files.createTempDirectory("keelson-server-cache-")).withPort(0),
            TestAuth.AUTHENTICATOR, TestAuth.AUTHORIZER, List.of(hijack)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already mounted");
  }

  @Test
  @DisplayName("requests Jetty refuses before routing (a malformed header, an ambiguous path) are answered in JSON too")
  void httpLevelErrors() throws Exception {
    for (String request : List.of(
        "GET /api/v1/applications HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n",
        "GET /api/v1/applications/a%2Fb/c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer).as(request).startsWith("HTTP/1.1 400").contains("application/json")
            .contains("\"code\":\"bad_request\"");
      }
    }
  }

  @Test
  @DisplayName("the stream delivers upserts and deletes of visible apps, never an app the subject may not see")
  void stream() throws Exception {
    try (SseClient sse = new SseClient(api, "/api/v1/stream?namespace=" + ns, TestAuth.EVE)) {
      assertThat(sse.status).isEqualTo(200);
      assertThat(sse.next(TIMEOUT).type()).isEqualTo("ready");
      create(new Spec("secret-3", "default", null, "https://kubernetes.default.svc", "Synced", "Healthy"));
      create(new Spec("zz-new", "default", "web", "https://kubernetes.default.svc", "Synced", "Healthy"));
      List<SseClient.Event> events = new ArrayList<>();
      SseClient.Event e;
      do {
        e = sse.next(TIMEOUT);
        events.add(e);
      } while (!(e.type().equals("upsert") && Api.JSON.readTree(e.data()).path("sync").asText().equals("Synced")
          && Api.JSON.readTree(e.data()).path("name").asText().equals("zz-new")));
      assertThat(events).noneMatch(x -> x.data().contains("secret-3"));
      client.resources(Application.class).inNamespace(ns).withName("zz-new").delete();
      do {
        e = sse.next(TIMEOUT);
        assertThat(e.data()).doesNotContain("secret-3");
      } while (!e.type().equals("delete"));
      assertThat(Api.JSON.readTree(e.data()).path("name").asText()).isEqualTo("zz-new");
    } finally {
      client.resources(Application.class).inNamespace(ns).withName("secret-3").delete();
    }
  }

  @Test
  @DisplayName("the OpenAPI document is served and names every path; clusters, projects and ApplicationSets are listed as allowed")
  void openApiAndFleet() throws Exception {
    Api.Response doc = api.get("/api/v1/openapi.json", null);
    assertThat(doc.status()).isEqualTo(200);
    JsonNode paths = doc.json().path("paths");
    for (String p : List.of("/api/v1/applications", "/api/v1/applications/{namespace}/{name}/resource-tree",
        "/api/v1/applications/{namespace}/{name}/sync", "/api/v1/stream", "/api/v1/clusters")) {
      assertThat(paths.has(p)).as(p).isTrue();
    }
    JsonNode clusters = api.get("/api/v1/clusters", TestAuth.EVE).json().path("items");
    assertThat(clusters.get(0).path("name").asText()).isEqualTo("in-cluster");
    assertThat(api.get("/api/v1/projects", TestAuth.EVE).json().path("items").size()).isZero();
    assertThat(api.get("/api/v1/projects", TestAuth.ALICE).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/applicationsets", TestAuth.ALICE).json().path("items").isArray()).isTrue();
  }
}
