package dev.keelson.rollouts.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.keelson.api.rollouts.v1alpha1.PrometheusAuthentication;
import dev.keelson.api.rollouts.v1alpha1.PrometheusMetric;
import dev.keelson.api.rollouts.v1alpha1.WebMetricHeader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prometheus provider's headers, OAuth2 client credentials and insecure TLS, against
 * loopback servers answering as Prometheus' HTTP API and a token endpoint do, and recording what
 * they were sent.
 */
class PrometheusProviderTest {
  private static final String VECTOR = """
      {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.25"]}]}}""";
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
  }

  private static void answer(HttpExchange x, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(code, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  private void routes(HttpServer s) {
    s.createContext("/api/v1/query", x -> {
      seen.put("tenant", String.valueOf(x.getRequestHeaders().getFirst("X-Scope-OrgID")));
      seen.put("authorization", String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
      answer(x, 200, VECTOR);
    });
    s.createContext("/token", x -> {
      String body;
      try (InputStream in = x.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String basic = "Basic " + Base64.getEncoder().encodeToString("keelson:s3cret".getBytes(StandardCharsets.UTF_8));
      if (!basic.equals(x.getRequestHeaders().getFirst("Authorization"))) {
        answer(x, 401, "{\"error\":\"invalid_client\"}");
        return;
      }
      seen.put("tokenBody", body);
      answer(x, 200, "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":60}");
    });
  }

  private String startHttp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    routes(server);
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static PrometheusMetric metric(String address) {
    PrometheusMetric m = new PrometheusMetric();
    m.address = address;
    m.query = "sum(rate(errors[1m]))";
    m.timeout = "5s";
    return m;
  }

  private static WebMetricHeader header(String key, String value) {
    WebMetricHeader h = new WebMetricHeader();
    h.key = key;
    h.value = value;
    return h;
  }

  private static PrometheusAuthentication oauth2(String tokenUrl, String secret) {
    PrometheusAuthentication a = new PrometheusAuthentication();
    a.oauth2 = new PrometheusAuthentication.OAuth2Config();
    a.oauth2.tokenUrl = tokenUrl;
    a.oauth2.clientId = "keelson";
    a.oauth2.clientSecret = secret;
    a.oauth2.scopes = List.of("metrics.read", "openid");
    return a;
  }

  @Test
  void headersGoWithTheQueryAndOAuth2ClientCredentialsBecomeABearerToken() throws Exception {
    String address = startHttp();
    PrometheusMetric m = metric(address);
    m.headers = List.of(header("X-Scope-OrgID", "tenant-a"));
    m.authentication = oauth2(address + "/token", "s3cret");
    assertThat(new PrometheusProvider().measure(m)).isEqualTo(List.of(0.25));
    assertThat(seen).containsEntry("tenant", "tenant-a").containsEntry("authorization", "Bearer tok-1")
        .containsEntry("tokenBody", "grant_type=client_credentials&scope=metrics.read+openid");
  }

  @Test
  void aRefusedTokenRequestIsAnErrorThatNamesNoSecret() throws Exception {
    String address = startHttp();
    PrometheusMetric m = metric(address);
    m.authentication = oauth2(address + "/token", "wrong-secret");
    assertThatThrownBy(() -> new PrometheusProvider().measure(m)).isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 401").satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret"));
    assertThat(seen).doesNotContainKey("authorization");
  }

  @Test
  void sigv4IsRefusedByName() throws Exception {
    PrometheusMetric m = metric(startHttp());
    m.authentication = new PrometheusAuthentication();
    m.authentication.sigv4 = Map.of("region", "eu-west-1");
    assertThatThrownBy(() -> new PrometheusProvider().measure(m))
        .hasMessageContaining("prometheus.authentication.sigv4 is not supported");
  }

  @Test
  void insecureAcceptsAServerWhoseCertificateIsUntrustedAndForAnotherName(@TempDir Path dir) throws Exception {
    // a self-signed certificate for another host than 127.0.0.1
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=prometheus.example",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
        "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    routes(https);
    https.start();
    server = https;
    String address = "https://127.0.0.1:" + https.getAddress().getPort();

    assertThatThrownBy(() -> new PrometheusProvider().measure(metric(address)))
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    PrometheusMetric insecure = metric(address);
    insecure.insecure = true;
    assertThat(new PrometheusProvider().measure(insecure)).isEqualTo(List.of(0.25));
  }
}
