package dev.keelson.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.auth.Action;
import dev.keelson.auth.AuthException;
import dev.keelson.auth.RequestCredentials;
import dev.keelson.auth.Resource;
import dev.keelson.auth.Subject;
import dev.keelson.auth.account.ApiTokenService;
import dev.keelson.auth.rbac.RbacAuthorizer;
import dev.keelson.auth.rbac.RbacConfig;
import dev.keelson.auth.session.IssuedSession;
import dev.keelson.auth.session.KeelsonAuthenticator;
import dev.keelson.auth.session.SessionOptions;
import dev.keelson.auth.session.SessionTokens;
import dev.keelson.auth.testing.Keys;
import dev.keelson.auth.testing.InMemoryAccountStore;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole login against a real OIDC provider on loopback. */
class OidcLoginTest {
  static final String ISSUER_ID = "keelson-test";
  static final String CLIENT_ID = "keelson";
  static final URI REDIRECT = URI.create("https://keelson.example.com/auth/callback");

  MockOAuth2Server provider;
  final byte[] key = Keys.serverKey();
  final SessionTokens sessions = new SessionTokens(() -> key, Clock.systemUTC(), SessionOptions.defaults());
  final RbacAuthorizer rbac = new RbacAuthorizer(RbacConfig.fromData(Map.of(
      "policy.csv", """
          p, role:team-a-dev, applications, sync, team-a/*, allow
          g, team-a, role:team-a-dev
          """,
      "scopes", "[groups]")));
  OidcLogin login;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void startProvider() {
    provider = new MockOAuth2Server();
    provider.start(InetAddress.getLoopbackAddress(), 0);
    OidcConfig config = OidcConfig.parse("""
        name: Test
        issuer: %s
        clientID: %s
        clientSecret: $keelson-oidc-secret:clientSecret
        requestedScopes: [openid, profile, groups]
        """.formatted(provider.issuerUrl(ISSUER_ID), CLIENT_ID));
    login = new OidcLogin(new OidcSettings() {
      @Override
      public Optional<OidcConfig> config() {
        return Optional.of(config);
      }

      @Override
      public Optional<String> clientSecret(OidcConfig c) {
        return Optional.of("client-secret");
      }
    }, rbac::scopes, () -> key, sessions, Clock.systemUTC());
  }

  @AfterEach
  void stopProvider() {
    provider.shutdown();
  }

  /** What the browser does: follows the authorization URL; the provider answers with a redirect to us. */
  Map<String, String> authorize(URI url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
    assertThat(location.toString()).startsWith(REDIRECT.toString());
    return query(location);
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> q = new HashMap<>();
    for (String kv : uri.getRawQuery().split("&")) {
      String[] p = kv.split("=", 2);
      q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
    }
    return q;
  }

  void userWithGroups(String subject, List<String> audience, List<String> groups) {
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", audience, Map.of("groups", groups), 3600));
  }

  static AuthException.Kind kind(Throwable t) {
    return ((AuthException) t).kind();
  }

  @Test
  void codeFlowWithPkceGivesASessionWhoseGroupsDecideRbac() throws Exception {
    userWithGroups("alice", null, List.of("team-a", "everyone"));
    AuthorizationRequest start = login.start(REDIRECT);
    assertThat(start.url().getQuery()).contains("code_challenge_method=S256", "code_challenge=", "nonce=", "state=");
    assertThat(start.stateCookie()).doesNotContain("code_verifier");
    Map<String, String> back = authorize(start.url());

    IssuedSession session = login.callback(back.get("code"), back.get("state"), start.stateCookie());

    Subject subject = new KeelsonAuthenticator(sessions, new ApiTokenService(new InMemoryAccountStore(), Clock.systemUTC()))
        .authenticate(new RequestCredentials(Optional.empty(), Optional.of(session.token()), Optional.of(session.csrfToken()), true, "a"));
    assertThat(subject).isEqualTo(new Subject.User("alice", Set.of("team-a", "everyone"), Subject.Method.OIDC));
    assertThat(rbac.allowed(subject, Resource.applications, Action.sync, "team-a/web")).isTrue();
    assertThat(rbac.allowed(subject, Resource.applications, Action.sync, "team-b/web")).isFalse();
  }

  @Test
  void anIdTokenForAnotherAudienceIsRefused() throws Exception {
    // the provider signs it, with this login's nonce, but for another client
    provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT", null,
        Map.of("aud", "some-other-client", "groups", List.of("team-a")), 3600));
    AuthorizationRequest start = login.start(REDIRECT);
    Map<String, String> back = authorize(start.url());
    assertThatThrownBy(() -> login.callback(back.get("code"), back.get("state"), start.stateCookie()))
        .satisfies(t -> assertThat(kind(t)).isEqualTo(AuthException.Kind.UNAUTHENTICATED))
        .hasMessageContaining("ID token is not valid").hasMessageContaining("audience");
  }

  @Test
  void anIdTokenWithAnotherLoginsNonceIsRefused() throws Exception {
    AuthorizationRequest start = login.start(REDIRECT);
    // the provider is asked with a nonce other than the one this browser's login state holds
    URI tampered = URI.create(start.url().toString().replaceAll("nonce=[^&]+", "nonce=someone-elses-nonce"));
    Map<String, String> back = authorize(tampered);
    assertThatThrownBy(() -> login.callback(back.get("code"), back.get("state"), start.stateCookie()))
        .hasMessageContaining("ID token is not valid").hasMessageContaining("nonce");
  }

  @Test
  void aCallbackFromAnotherBrowsersLoginIsRefused() throws Exception {
    AuthorizationRequest mine = login.start(REDIRECT);
    AuthorizationRequest theirs = login.start(REDIRECT);
    Map<String, String> back = authorize(theirs.url());
    assertThatThrownBy(() -> login.callback(back.get("code"), back.get("state"), mine.stateCookie()))
        .hasMessage("the login's state does not match");
    assertThatThrownBy(() -> login.callback(back.get("code"), back.get("state"), "forged"))
        .hasMessage("no login in progress in this browser");
  }

  @Test
  void aStateCookieSealedByAnotherServerKeyIsRefused() throws Exception {
    OidcLogin other = new OidcLogin(new OidcSettings() {
      @Override
      public Optional<OidcConfig> config() {
        return login.configured() ? Optional.of(OidcConfig.parse("issuer: " + provider.issuerUrl(ISSUER_ID) + "\nclientID: " + CLIENT_ID)) : Optional.empty();
      }

      @Override
      public Optional<String> clientSecret(OidcConfig c) {
        return Optional.empty();
      }
    }, rbac::scopes, Keys::serverKey, sessions, Clock.systemUTC());
    AuthorizationRequest start = other.start(REDIRECT);
    Map<String, String> back = authorize(start.url());
    assertThatThrownBy(() -> login.callback(back.get("code"), back.get("state"), start.stateCookie()))
        .hasMessage("no login in progress in this browser");
  }

  @Test
  void configReadsArgoCdsShape() {
    OidcConfig c = OidcConfig.parse("""
        name: Okta
        issuer: https://example.okta.com
        clientID: keelson
        clientSecret: $oidc-secret:clientSecret
        requestedScopes: [profile, email]
        usernameClaim: email
        groupsClaim: roles
        """);
    assertThat(c.clientSecret()).contains(new OidcConfig.ClientSecret.SecretRef("oidc-secret", "clientSecret"));
    assertThat(c.requestedScopes()).containsExactly("openid", "profile", "email");
    assertThat(c.usernameClaim()).isEqualTo("email");
    assertThat(c.groupsClaim()).contains("roles");
    assertThat(OidcConfig.parse("issuer: https://x\nclientID: k\nclientSecret: inline-value").clientSecret().orElseThrow().toString())
        .doesNotContain("inline-value");
    assertThatThrownBy(() -> OidcConfig.parse("issuer: https://x")).hasMessageContaining("clientID");
  }
}
