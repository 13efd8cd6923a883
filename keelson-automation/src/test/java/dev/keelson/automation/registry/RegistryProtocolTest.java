package dev.keelson.automation.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keelson.automation.image.ImageName;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What docker-registry cannot be made to do on loopback without a token service: a bearer
 * challenge answered from the realm (Docker Hub's and GHCR's flow) and 429 with Retry-After.
 * A small HTTP server plays registry and token service.
 */
@Timeout(value = 1, unit = java.util.concurrent.TimeUnit.MINUTES)
class RegistryProtocolTest {
  HttpServer server;
  String host;
  final List<String> log = new CopyOnWriteArrayList<>();
  final AtomicInteger limited = new AtomicInteger();
  final AtomicInteger tokensIssued = new AtomicInteger();
  final java.util.NavigableSet<String> tags = new java.util.concurrent.ConcurrentSkipListSet<>(List.of("a", "b", "c"));

  static String param(String query, String name, String otherwise) {
    for (String kv : query == null ? new String[0] : query.split("&")) {
      if (kv.startsWith(name + "=")) return kv.substring(name.length() + 1);
    }
    return otherwise;
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    host = "127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/token", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      log.add("token " + ex.getRequestURI().getQuery());
      if (!("Basic " + Base64.getEncoder().encodeToString("me:pw".getBytes())).equals(auth)) {
        reply(ex, 401, "{}", null);
        return;
      }
      tokensIssued.incrementAndGet();
      reply(ex, 200, "{\"token\":\"t0ken\",\"expires_in\":300}", null);
    });
    server.createContext("/v2/", ex -> {
      log.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      if (ex.getRequestURI().getPath().startsWith("/v2/busy/") && limited.getAndDecrement() > 0) {
        ex.getResponseHeaders().add("Retry-After", ex.getRequestURI().getPath().contains("long") ? "120" : "0");
        reply(ex, 429, "{}", null);
        return;
      }
      if (!"Bearer t0ken".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host
            + "/token\",service=\"test-registry\",scope=\"repository:org/app:pull\"");
        reply(ex, 401, "{\"errors\":[]}", null);
        return;
      }
      // the distribution spec's pagination: n per page, tags after last, a Link to the next page
      String q = ex.getRequestURI().getQuery();
      int n = Integer.parseInt(param(q, "n", "100"));
      String last = param(q, "last", null);
      List<String> page = new ArrayList<>((last == null ? tags : tags.tailSet(last, false)));
      String link = null;
      if (page.size() > n) {
        page = page.subList(0, n);
        link = "</v2/org/app/tags/list?n=" + n + "&last=" + page.get(n - 1) + ">; rel=\"next\"";
      }
      reply(ex, 200, "{\"name\":\"org/app\",\"tags\":[" + String.join(",", page.stream().map(t -> "\"" + t + "\"").toList())
          + "]}", link);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static void reply(HttpExchange ex, int code, String body, String link) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    if (link != null) ex.getResponseHeaders().add("Link", link);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(code, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  RegistryClient client() {
    return new RegistryClient(new RegistryClient.Options(true, null, Duration.ofSeconds(5)), Clock.systemUTC());
  }

  @Test
  void aBearerChallengeIsAnsweredFromTheRealmAndTheTokenKept() throws Exception {
    RegistryClient c = client();
    List<String> tags = new ArrayList<>();
    var listing = c.listTags(ImageName.parse(host + "/org/app"), new RegistryCredentials.Basic("me", "pw"), null, 2, tags::add);
    assertThat(tags).containsExactly("a", "b", "c");
    assertThat(listing.requests()).isEqualTo(2);
    assertThat(log).anySatisfy(l -> assertThat(l).contains("service=test-registry").contains("scope=repository:org/app:pull"));
    c.listTags(ImageName.parse(host + "/org/app"), new RegistryCredentials.Basic("me", "pw"), null, 2, t -> { });
    assertThat(tokensIssued).hasValue(1);
  }

  @Test
  void aPagingRegistryIsListedFromTheGreatestKnownTagOnAndWholeEveryFullScanInterval() throws Exception {
    RegistryScanTest.MovableClock clock = new RegistryScanTest.MovableClock();
    RegistryClient c = new RegistryClient(new RegistryClient.Options(true, null, Duration.ofSeconds(5)), clock);
    TagScanner scanner = new TagScanner(c, clock, Duration.ofHours(1), 2);
    RegistryCredentials me = new RegistryCredentials.Basic("me", "pw");
    ImageName image = ImageName.parse(host + "/org/app");
    ScannedTags first = scanner.scan(image, me, null, List.of());
    assertThat(first.tags()).containsExactly("a", "b", "c");
    assertThat(first.requests()).isEqualTo(2);
    tags.add("d");
    tags.add("e");
    tags.add("0-sorted-first");
    log.clear();
    clock.now = clock.now.plusSeconds(60);
    ScannedTags second = scanner.scan(image, me, first, List.of());
    assertThat(second.mode()).isEqualTo(ScannedTags.ScanMode.INCREMENTAL);
    assertThat(second.tags()).containsExactly("a", "b", "c", "d", "e");
    assertThat(log).containsExactly("GET /v2/org/app/tags/list?n=2&last=c");
    clock.now = clock.now.plus(Duration.ofHours(1));
    ScannedTags third = scanner.scan(image, me, second, List.of());
    assertThat(third.mode()).isEqualTo(ScannedTags.ScanMode.FULL);
    assertThat(third.tags()).containsExactly("0-sorted-first", "a", "b", "c", "d", "e");
    assertThat(third.requests()).isEqualTo(3);
  }

  @Test
  void theTokenServiceRefusingIsAnAuthenticationFailure() {
    assertThatThrownBy(() -> client().listTags(ImageName.parse(host + "/org/app"), new RegistryCredentials.Basic("me", "bad"),
        null, 2, t -> { }))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("token service")
        .satisfies(e -> assertThat(((RegistryException) e).reason())
            .isEqualTo(RegistryException.Reason.AUTHENTICATION_FAILED));
  }

  @Test
  void aShortRetryAfterIsWaitedOutALongOneReported() throws Exception {
    limited.set(2);
    RegistryClient c = client();
    List<String> tags = new ArrayList<>();
    c.listTags(ImageName.parse(host + "/busy/short"), new RegistryCredentials.Basic("me", "pw"), null, 2, tags::add);
    assertThat(tags).isNotEmpty();
    limited.set(5);
    assertThatThrownBy(() -> c.listTags(ImageName.parse(host + "/busy/long"), RegistryCredentials.ANONYMOUS, null, 2, t -> { }))
        .isInstanceOf(RegistryException.class)
        .satisfies(e -> {
          RegistryException r = (RegistryException) e;
          assertThat(r.reason()).isEqualTo(RegistryException.Reason.RATE_LIMITED);
          assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        });
  }

  @Test
  void retryAfterReadsSecondsAndDates() {
    assertThat(RegistryClient.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(RegistryClient.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RegistryClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
  }

  @Test
  void challengesParse() {
    Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/nginx:pull\"").orElseThrow();
    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.param("realm")).isEqualTo("https://auth.docker.io/token");
    assertThat(c.param("scope")).isEqualTo("repository:library/nginx:pull");
    assertThat(Challenge.parse("Basic realm=registry").orElseThrow().param("realm")).isEqualTo("registry");
  }

  @Test
  void dockerConfigEntriesByHost() {
    String json = "{\"auths\":{\"https://index.docker.io/v1/\":{\"username\":\"u\",\"password\":\"p\"},"
        + "\"ghcr.io\":{\"auth\":\"" + Base64.getEncoder().encodeToString("x:y:z".getBytes()) + "\"}}}";
    assertThat(DockerConfig.credentialsFor(json, "docker.io")).isEqualTo(new RegistryCredentials.Basic("u", "p"));
    assertThat(DockerConfig.credentialsFor(json, "ghcr.io")).isEqualTo(new RegistryCredentials.Basic("x", "y:z"));
    assertThat(DockerConfig.credentialsFor(json, "quay.io")).isEqualTo(RegistryCredentials.ANONYMOUS);
    assertThatThrownBy(() -> DockerConfig.credentialsFor("secret-not-json", "x")).hasMessageNotContaining("secret-not-json");
  }
}
