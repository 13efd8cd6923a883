package dev.keelson.auth.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.keelson.auth.AuthException;
import dev.keelson.auth.Subject;
import dev.keelson.auth.session.IssuedSession;
import dev.keelson.auth.session.SessionTokens;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * OIDC login, authorization code flow with PKCE (S256), with any provider that publishes
 * discovery metadata. The server mounts {@link #start} at {@code GET /auth/login} and
 * {@link #callback} at {@code GET /auth/callback}; the callback's session is set as the session
 * cookie, as a password login's is.
 *
 * <p>The ID token is validated by Nimbus against the provider's metadata: signature by the
 * JWKS, issuer, audience (our client ID), expiry and the nonce of this login. Its
 * {@code usernameClaim} names the user; the claims RBAC's {@code scopes} names (and
 * {@code groupsClaim}) are the groups.
 */
public final class OidcLogin {
  static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(5);
  private static final int HTTP_TIMEOUT_MS = 10_000;

  private record ProviderKey(URI issuer, String clientId) {}

  private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

  private final OidcSettings settings;
  private final Supplier<List<String>> groupClaims;
  private final Supplier<byte[]> serverKey;
  private final SessionTokens sessions;
  private final Clock clock;
  private final Map<ProviderKey, Provider> providers = new ConcurrentHashMap<>();

  public OidcLogin(OidcSettings settings, Supplier<List<String>> groupClaims, Supplier<byte[]> serverKey,
      SessionTokens sessions, Clock clock) {
    this.settings = settings;
    this.groupClaims = groupClaims;
    this.serverKey = serverKey;
    this.sessions = sessions;
    this.clock = clock;
  }

  public boolean configured() {
    return settings.config().isPresent();
  }

  /**
   * @param redirectUri this server's {@code /auth/callback}, as registered with the provider
   * @throws AuthException UNAUTHENTICATED when OIDC is not configured or the provider cannot be reached
   */
  public AuthorizationRequest start(URI redirectUri) throws AuthException {
    OidcConfig config = config();
    Provider p = provider(config);
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    Instant expires = clock.instant().plus(LOGIN_TIMEOUT);
    URI url = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(config.requestedScopes().toArray(String[]::new)),
        new ClientID(config.clientId()), redirectUri)
        .endpointURI(p.metadata().getAuthorizationEndpointURI())
        .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
        .build().toURI();
    String cookie = new LoginState(state.getValue(), nonce.getValue(), verifier.getValue(), redirectUri, expires)
        .seal(serverKey.get());
    return new AuthorizationRequest(url, cookie, expires);
  }

  /**
   * @param code and {@code state}: the callback's query parameters
   * @param stateCookie the {@link AuthorizationRequest#COOKIE} cookie's value
   * @throws AuthException UNAUTHENTICATED when the state does not match this browser's login, the
   *     login timed out, the provider refuses the code or the ID token does not validate
   */
  public IssuedSession callback(String code, String state, String stateCookie) throws AuthException {
    OidcConfig config = config();
    LoginState login = LoginState.open(stateCookie, serverKey.get())
        .orElseThrow(() -> unauthenticated("no login in progress in this browser"));
    if (!MessageDigest.isEqual(login.state().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
      throw unauthenticated("the login's state does not match");
    }
    if (!login.expiresAt().isAfter(clock.instant())) throw unauthenticated("the login timed out; start again");
    Provider p = provider(config);
    JWT idToken = exchange(config, p, code, login);
    IDTokenClaimsSet claims;
    try {
      claims = p.validator().validate(idToken, new Nonce(login.nonce()));
    } catch (BadJOSEException | JOSEException e) {
      throw unauthenticated("the provider's ID token is not valid: " + e.getMessage());
    }
    String name = claims.getStringClaim(config.usernameClaim());
    if (name == null || name.isBlank()) name = claims.getSubject().getValue();
    return sessions.issue(name, groups(config, claims), Subject.Method.OIDC);
  }

  private JWT exchange(OidcConfig config, Provider p, String code, LoginState login) throws AuthException {
    AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), login.redirectUri(),
        new CodeVerifier(login.codeVerifier()));
    ClientID clientId = new ClientID(config.clientId());
    URI endpoint = p.metadata().getTokenEndpointURI();
    TokenRequest request = settings.clientSecret(config).map(s -> {
      List<ClientAuthenticationMethod> methods = p.metadata().getTokenEndpointAuthMethods();
      boolean postOnly = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
      return postOnly ? new TokenRequest(endpoint, new ClientSecretPost(clientId, new Secret(s)), grant)
          : new TokenRequest(endpoint, new ClientSecretBasic(clientId, new Secret(s)), grant);
    }).orElseGet(() -> new TokenRequest(endpoint, clientId, grant));
    TokenResponse response;
    try {
      HTTPRequest http = request.toHTTPRequest();
      http.setConnectTimeout(HTTP_TIMEOUT_MS);
      http.setReadTimeout(HTTP_TIMEOUT_MS);
      response = OIDCTokenResponseParser.parse(http.send());
    } catch (IOException e) {
      throw unauthenticated("the provider's token endpoint failed: " + e.getMessage());
    } catch (ParseException e) {
      // the parser's message may quote the response, which can hold tokens
      throw unauthenticated("the provider's token endpoint answered something that is not a token response");
    }
    if (!response.indicatesSuccess()) {
      TokenErrorResponse error = response.toErrorResponse();
      String errorCode = error.getErrorObject() == null ? "unknown" : error.getErrorObject().getCode();
      throw unauthenticated("the provider refused the code: " + errorCode);
    }
    return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
  }

  private Set<String> groups(OidcConfig config, IDTokenClaimsSet claims) {
    Set<String> names = new LinkedHashSet<>(groupClaims.get());
    config.groupsClaim().ifPresent(names::add);
    Set<String> groups = new LinkedHashSet<>();
    for (String claim : names) {
      Object v = claims.getClaim(claim);
      if (v instanceof String s) {
        groups.add(s);
      } else if (v instanceof List<?> l) {
        l.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
      }
    }
    return groups;
  }

  private OidcConfig config() throws AuthException {
    return settings.config().orElseThrow(() -> unauthenticated("OIDC login is not configured"));
  }

  private Provider provider(OidcConfig config) throws AuthException {
    ProviderKey key = new ProviderKey(config.issuer(), config.clientId());
    Provider p = providers.get(key);
    if (p != null) return p;
    try {
      OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(config.issuer()), HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS);
      IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(config.clientId()),
          new JWSVerificationKeySelector<>(signatureAlgorithms(metadata),
              JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build()), null);
      validator.setMaxClockSkew(60);
      p = new Provider(metadata, validator);
    } catch (GeneralException | IOException e) {
      throw unauthenticated("cannot read the OIDC provider's metadata at " + config.issuer() + ": " + e.getMessage());
    }
    providers.clear();
    providers.put(key, p);
    return p;
  }

  /**
   * The provider's advertised ID token algorithms, public-key ones only: an HMAC one would make
   * the client secret a signing key, and "none" no signature at all.
   */
  private static Set<JWSAlgorithm> signatureAlgorithms(OIDCProviderMetadata metadata) {
    Set<JWSAlgorithm> algs = new LinkedHashSet<>();
    if (metadata.getIDTokenJWSAlgs() != null) {
      metadata.getIDTokenJWSAlgs().stream()
          .filter(a -> JWSAlgorithm.Family.SIGNATURE.contains(a)).forEach(algs::add);
    }
    if (algs.isEmpty()) algs.add(JWSAlgorithm.RS256);
    return algs;
  }

  private static AuthException unauthenticated(String message) {
    return new AuthException(AuthException.Kind.UNAUTHENTICATED, message);
  }
}
