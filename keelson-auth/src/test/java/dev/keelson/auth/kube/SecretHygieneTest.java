package dev.keelson.auth.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.keelson.auth.AuthOptions;
import dev.keelson.auth.KeelsonAuth;
import dev.keelson.auth.RequestCredentials;
import dev.keelson.auth.account.AccountsCodec;
import dev.keelson.auth.account.ApiTokenService;
import dev.keelson.auth.oidc.AuthorizationRequest;
import dev.keelson.auth.session.IssuedSession;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;

/**
 * Runs every flow that touches a password, token or key, failures included, then searches the
 * log (every Keelson logger at trace, written to a file by this test's own surefire execution,
 * see the pom), the exceptions' messages and the values' {@code toString} for any of them.
 */
class SecretHygieneTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  final List<String> secrets = new ArrayList<>();
  final List<String> shown = new ArrayList<>();

  String secret(String value) {
    secrets.add(value);
    return value;
  }

  static RequestCredentials bearer(String token) {
    return new RequestCredentials(Optional.of(token), Optional.empty(), Optional.empty(), false, "10.0.0.1");
  }

  void failing(ThrowingRunnable r) {
    assertThatThrownBy(r::run).satisfies(t -> shown.add(String.valueOf(t.getMessage())));
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static String decoded(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Test
  void noPasswordTokenOrKeyInLogsMessagesOrToString() throws Exception {
    TestCluster cluster = TestCluster.shared();
    MockOAuth2Server provider = new MockOAuth2Server();
    provider.start(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient client = cluster.newClient()) {
      String ns = cluster.createNamespace("hygiene");
      client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("oidc-secret").endMetadata()
          .withStringData(Map.of("clientSecret", secret("oidc-client-secret-value"))).build()).create();
      client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("keelson-oidc").endMetadata()
          .withData(Map.of("oidc.config", "issuer: " + provider.issuerUrl("corp") + "\nclientID: keelson\n"
              + "clientSecret: $oidc-secret:clientSecret\n")).build()).create();

      try (KeelsonAuth auth = KeelsonAuth.start(client, AuthOptions.defaults().withNamespace(ns))) {
        String password = secret(decoded(client.secrets().inNamespace(ns).withName(InitialAdmin.SECRET).get(), InitialAdmin.KEY));
        Secret accounts = client.secrets().inNamespace(ns).withName(AccountsCodec.SECRET).get();
        secret(decoded(accounts, AccountsCodec.passwordKey("admin")));
        secret(client.secrets().inNamespace(ns).withName(ServerKey.SECRET).get().getData().get(ServerKey.KEY));

        for (int i = 0; i < 7; i++) failing(() -> auth.sessions().login("admin", (password + "x").toCharArray(), "10.1.1.1"));
        failing(() -> auth.sessions().login("admin", password.toCharArray(), "10.1.1.1"));
      }

      try (KeelsonAuth auth = KeelsonAuth.start(client, AuthOptions.defaults().withNamespace(ns))) {
        String password = decoded(client.secrets().inNamespace(ns).withName(InitialAdmin.SECRET).get(), InitialAdmin.KEY);
        IssuedSession session = auth.sessions().login("admin", password.toCharArray(), "10.2.2.2");
        secret(session.token());
        secret(session.csrfToken());
        shown.add(session.toString());
        auth.authenticator().authenticate(bearer(session.token()));
        failing(() -> auth.authenticator().authenticate(new RequestCredentials(Optional.empty(), Optional.of(session.token()),
            Optional.of(session.csrfToken() + "x"), true, "a")));
        failing(() -> auth.authenticator().authenticate(bearer(session.token() + "x")));
        auth.sessions().logout(session.token());
        failing(() -> auth.authenticator().authenticate(bearer(session.token())));

        ApiTokenService.GeneratedToken t = auth.apiTokens().generate("ci", Optional.of(Duration.ofDays(1)));
        secret(t.token());
        secret(t.stored().sha256());
        shown.add(t.toString());
        shown.add(auth.accounts().accounts().toString());
        auth.authenticator().authenticate(bearer(t.token()));
        failing(() -> auth.authenticator().authenticate(bearer(t.token().substring(0, t.token().length() - 1) + "A")));
        auth.apiTokens().revoke(t.stored().id());
        failing(() -> auth.authenticator().authenticate(bearer(t.token())));

        // an accounts Secret that does not parse: the error names the key, not the value
        String leaked = secret("5ecret-hash-in-a-broken-value");
        client.secrets().inNamespace(ns).withName(AccountsCodec.SECRET).edit(sec -> {
          sec.getData().put(AccountsCodec.tokensKey("broken"),
              Base64.getEncoder().encodeToString(("{not json " + leaked).getBytes(StandardCharsets.UTF_8)));
          return sec;
        });
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("keelson-rbac").endMetadata()
            .withData(Map.of("policy.csv", "p, broken")).build()).create();
        await().atMost(TIMEOUT).until(() -> auth.rbac().refused().isPresent());

        AuthorizationRequest start = auth.oidc().start(URI.create("https://keelson.example.com/auth/callback"));
        secret(start.stateCookie());
        shown.add(start.toString());
        HttpResponse<String> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
            .send(HttpRequest.newBuilder(start.url()).GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> q = new HashMap<>();
        for (String kv : URI.create(r.headers().firstValue("Location").orElseThrow()).getRawQuery().split("&")) {
          String[] p = kv.split("=", 2);
          q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        secret(q.get("code"));
        IssuedSession oidc = auth.oidc().callback(q.get("code"), q.get("state"), start.stateCookie());
        secret(oidc.token());
        failing(() -> auth.oidc().callback(q.get("code"), q.get("state"), start.stateCookie()));
      }
    } finally {
      provider.shutdown();
    }

    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/secret-hygiene.log"));
    String logged = Files.exists(log) ? Files.readString(log) : "";
    assertThat(logged).as("the log is written where the pom says").isNotEmpty();
    for (String s : secrets) {
      assertThat(logged).as("log").doesNotContain(s);
      for (String m : shown) assertThat(m).doesNotContain(s);
    }
  }
}
