package dev.keelson.auth.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.keelson.auth.Action;
import dev.keelson.auth.AuthOptions;
import dev.keelson.auth.KeelsonAuth;
import dev.keelson.auth.RequestCredentials;
import dev.keelson.auth.Resource;
import dev.keelson.auth.Subject;
import dev.keelson.auth.account.AccountsCodec;
import dev.keelson.auth.account.ApiTokenService;
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
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accounts, keys and policy in a real API server, as the server will find them. */
class KeelsonAuthClusterTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static TestCluster cluster;
  static KubernetesClient client;

  String ns;
  KeelsonAuth auth;

  @BeforeAll
  static void connect() {
    cluster = TestCluster.shared();
    client = cluster.newClient();
  }

  @AfterAll
  static void disconnect() {
    if (client != null) client.close();
  }

  @BeforeEach
  void start() {
    ns = cluster.createNamespace("auth");
    auth = KeelsonAuth.start(client, AuthOptions.defaults().withNamespace(ns));
  }

  @AfterEach
  void stop() {
    if (auth != null) auth.close();
  }

  Secret secret(String name) {
    return client.secrets().inNamespace(ns).withName(name).get();
  }

  static String decoded(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  static RequestCredentials bearer(String token) {
    return new RequestCredentials(Optional.of(token), Optional.empty(), Optional.empty(), false, "10.0.0.1");
  }

  @Test
  void firstStartCreatesTheServerKeyAndTheInitialAdminWhoseHashAloneIsStored() throws Exception {
    assertThat(Base64.getDecoder().decode(secret(ServerKey.SECRET).getData().get(ServerKey.KEY))).hasSize(32);
    String password = decoded(secret(InitialAdmin.SECRET), InitialAdmin.KEY);
    assertThat(password).hasSize(20);
    Secret accounts = secret(AccountsCodec.SECRET);
    String hash = decoded(accounts, AccountsCodec.passwordKey("admin"));
    assertThat(hash).startsWith("$2b$").doesNotContain(password);

    IssuedSession s = auth.sessions().login("admin", password.toCharArray(), "10.0.0.1");
    Subject admin = auth.authenticator().authenticate(bearer(s.token()));
    assertThat(admin).isEqualTo(new Subject.User("admin", Set.of(), Subject.Method.PASSWORD));
    assertThat(auth.authorizer().allowed(admin, Resource.applications, Action.delete, "default/anything")).isTrue();
  }

  @Test
  void aSecondReplicaKeepsTheKeyAndThePasswordAndADeletedInitialSecretIsNotRemade() throws Exception {
    String password = decoded(secret(InitialAdmin.SECRET), InitialAdmin.KEY);
    String key = secret(ServerKey.SECRET).getData().get(ServerKey.KEY);
    IssuedSession s = auth.sessions().login("admin", password.toCharArray(), "a");
    client.secrets().inNamespace(ns).withName(InitialAdmin.SECRET).delete();
    await().atMost(TIMEOUT).until(() -> secret(InitialAdmin.SECRET) == null);
    try (KeelsonAuth second = KeelsonAuth.start(client, AuthOptions.defaults().withNamespace(ns))) {
      assertThat(secret(ServerKey.SECRET).getData().get(ServerKey.KEY)).isEqualTo(key);
      assertThat(secret(InitialAdmin.SECRET)).isNull();
      // a session from one replica holds at the other: one key
      assertThat(second.authenticator().authenticate(bearer(s.token()))).isInstanceOf(Subject.User.class);
      second.sessions().login("admin", password.toCharArray(), "b");
    }
  }

  @Test
  void apiTokensAreStoredHashedAndARevocationReachesEveryReplica() throws Exception {
    try (KeelsonAuth other = KeelsonAuth.start(client, AuthOptions.defaults().withNamespace(ns))) {
      ApiTokenService.GeneratedToken t = auth.apiTokens().generate("ci", Optional.of(Duration.ofDays(30)));
      Secret stored = secret(AccountsCodec.SECRET);
      String tokens = decoded(stored, AccountsCodec.tokensKey("ci"));
      assertThat(tokens).contains(t.stored().id(), t.stored().sha256()).doesNotContain(t.token());
      // the admin account written at start is still there: writes merge
      assertThat(stored.getData()).containsKey(AccountsCodec.passwordKey("admin"));

      await().atMost(TIMEOUT).ignoreExceptions().until(() ->
          other.authenticator().authenticate(bearer(t.token())).equals(new Subject.User("ci", Set.of(), Subject.Method.API_TOKEN)));
      assertThat(other.apiTokens().revoke(t.stored().id())).isTrue();
      await().atMost(TIMEOUT).until(() -> {
        try {
          auth.authenticator().authenticate(bearer(t.token()));
          return false;
        } catch (dev.keelson.auth.AuthException e) {
          return e.kind() == dev.keelson.auth.AuthException.Kind.UNAUTHENTICATED;
        }
      });
    }
  }

  @Test
  void rbacConfigMapChangesApplyWithoutRestart() {
    Subject alice = new Subject.User("alice", Set.of(), Subject.Method.PASSWORD);
    assertThat(auth.authorizer().allowed(alice, Resource.applications, Action.sync, "team-a/web")).isFalse();
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("keelson-rbac").endMetadata()
        .withData(Map.of("policy.csv", "p, proj:team-a:dev, applications, sync, team-a/*, allow\ng, alice, proj:team-a:dev\n"))
        .build()).create();
    await().atMost(TIMEOUT).until(() -> auth.authorizer().allowed(alice, Resource.applications, Action.sync, "team-a/web"));

    client.configMaps().inNamespace(ns).withName("keelson-rbac").edit(cm -> {
      cm.getData().put("policy.csv", cm.getData().get("policy.csv") + "p, alice, applications, sync, team-a/web, deny\n");
      cm.getData().put("policy.default", "role:readonly");
      return cm;
    });
    await().atMost(TIMEOUT).until(() -> !auth.authorizer().allowed(alice, Resource.applications, Action.sync, "team-a/web"));
    assertThat(auth.authorizer().allowed(alice, Resource.applications, Action.sync, "team-a/api")).isTrue();
    assertThat(auth.authorizer().allowed(Subject.ANONYMOUS, Resource.applications, Action.get, "x/y")).isTrue();

    client.configMaps().inNamespace(ns).withName("keelson-rbac").edit(cm -> {
      cm.getData().put("policy.csv", "p, alice, applications, get, team-a/*, allow\n");
      cm.getData().remove("policy.default");
      return cm;
    });
    await().atMost(TIMEOUT).until(() -> !auth.authorizer().allowed(alice, Resource.applications, Action.sync, "team-a/api"));
    assertThat(auth.authorizer().allowed(alice, Resource.applications, Action.get, "team-a/api")).isTrue();
  }

  @Test
  void aPolicyThatDoesNotParseLeavesThePreviousInForce() {
    Subject alice = new Subject.User("alice", Set.of(), Subject.Method.PASSWORD);
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("keelson-rbac").endMetadata()
        .withData(Map.of("policy.csv", "g, alice, role:readonly\n"))
        .build()).create();
    await().atMost(TIMEOUT).until(() -> auth.authorizer().allowed(alice, Resource.applications, Action.get, "a/b"));
    client.configMaps().inNamespace(ns).withName("keelson-rbac").edit(cm -> {
      cm.getData().put("policy.csv", "g, alice\n");
      return cm;
    });
    await().atMost(TIMEOUT).until(() -> auth.rbac().refused().isPresent());
    assertThat(auth.rbac().refused().get()).contains("line 1");
    assertThat(auth.authorizer().allowed(alice, Resource.applications, Action.get, "a/b")).isTrue();

    client.configMaps().inNamespace(ns).withName("keelson-rbac").edit(cm -> {
      cm.getData().put("policy.csv", "g, alice, role:admin\n");
      return cm;
    });
    await().atMost(TIMEOUT).until(() -> auth.rbac().refused().isEmpty());
    assertThat(auth.authorizer().allowed(alice, Resource.applications, Action.delete, "a/b")).isTrue();
  }

  @Test
  void wrongPasswordsAreRateLimited() {
    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> auth.sessions().login("admin", "guess".toCharArray(), "198.51.100.7"))
          .hasMessage("invalid username or password");
    }
    String password = decoded(secret(InitialAdmin.SECRET), InitialAdmin.KEY);
    assertThatThrownBy(() -> auth.sessions().login("admin", password.toCharArray(), "198.51.100.8"))
        .hasMessageStartingWith("too many failed logins");
  }

  @Test
  void oidcConfigFromTheConfigMapAndTheClientSecretFromItsSecret() throws Exception {
    MockOAuth2Server provider = new MockOAuth2Server();
    provider.start(InetAddress.getLoopbackAddress(), 0);
    try {
      assertThat(auth.oidc().configured()).isFalse();
      client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("keelson-oidc-secret").endMetadata()
          .withStringData(Map.of("clientSecret", "s3cret")).build()).create();
      client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("keelson-oidc").endMetadata()
          .withData(Map.of("oidc.config", """
              issuer: %s
              clientID: keelson
              clientSecret: $keelson-oidc-secret:clientSecret
              usernameClaim: email
              """.formatted(provider.issuerUrl("corp")))).build()).create();
      client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("keelson-rbac").endMetadata()
          .withData(Map.of("policy.csv", "g, platform, role:admin\n", "scopes", "[roles]")).build()).create();
      await().atMost(TIMEOUT).until(() -> auth.oidc().configured() && auth.rbac().scopes().equals(java.util.List.of("roles")));

      provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "u-123", "JWT", null,
          Map.of("email", "pat@example.com", "roles", java.util.List.of("platform")), 3600));
      URI redirect = URI.create("https://keelson.example.com/auth/callback");
      var start = auth.oidc().start(redirect);
      HttpResponse<String> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
          .send(HttpRequest.newBuilder(start.url()).GET().build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> q = new java.util.HashMap<>();
      for (String kv : URI.create(r.headers().firstValue("Location").orElseThrow()).getRawQuery().split("&")) {
        String[] p = kv.split("=", 2);
        q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
      }
      IssuedSession s = auth.oidc().callback(q.get("code"), q.get("state"), start.stateCookie());
      Subject pat = auth.authenticator().authenticate(bearer(s.token()));
      assertThat(pat).isEqualTo(new Subject.User("pat@example.com", Set.of("platform"), Subject.Method.OIDC));
      assertThat(auth.authorizer().allowed(pat, Resource.clusters, Action.delete, "https://prod")).isTrue();
    } finally {
      provider.shutdown();
    }
  }
}
