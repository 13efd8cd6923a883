package dev.keelson.server.login;

import dev.keelson.auth.AuthException;
import dev.keelson.auth.KeelsonAuth;
import dev.keelson.auth.oidc.AuthorizationRequest;
import dev.keelson.auth.session.IssuedSession;
import dev.keelson.server.http.Access;
import dev.keelson.server.http.ApiError;
import dev.keelson.server.http.ErrorCode;
import dev.keelson.server.http.Exchange;
import dev.keelson.server.http.Method;
import dev.keelson.server.http.RouteSet;
import dev.keelson.server.http.Routes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Login and logout on the API server, over {@link KeelsonAuth}'s services: a password session
 * ({@code /api/v1/session}), the OIDC code flow ({@code /auth/login}, {@code /auth/callback}), and
 * the CSRF token of the session a browser's cookie carries. Cookies as docs/auth.md describes.
 */
public final class LoginRoutes implements RouteSet {
  private final KeelsonAuth auth;

  public LoginRoutes(KeelsonAuth auth) {
    this.auth = auth;
  }

  /** The login body; unknown fields are refused by the router's JSON reader. */
  public record LoginBody(String username, String password) {}

  @Override
  public void register(Routes routes) {
    routes.add(Method.POST, "/api/v1/session", Access.PUBLIC, this::login);
    routes.add(Method.DELETE, "/api/v1/session", Access.PUBLIC, this::logout);
    routes.add(Method.GET, "/api/v1/session", Access.AUTHENTICATED, this::session);
    routes.add(Method.GET, "/auth/login", Access.PUBLIC, this::oidcStart);
    routes.add(Method.GET, "/auth/callback", Access.PUBLIC, this::oidcCallback);
  }

  private void login(Exchange x) throws Exception {
    LoginBody body = x.body(LoginBody.class);
    if (body == null || body.username() == null || body.password() == null) {
      throw new ApiError(ErrorCode.bad_request, "username and password are required");
    }
    IssuedSession s = auth.sessions().login(body.username(), body.password().toCharArray(),
        x.credentials().remoteAddress());
    x.header("Set-Cookie", cookie(s));
    x.json(view(s));
  }

  private void logout(Exchange x) throws Exception {
    x.credentials().bearerToken().or(() -> x.credentials().sessionCookie()).ifPresent(auth.sessions()::logout);
    x.header("Set-Cookie", IssuedSession.COOKIE + "=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0");
    x.status(204);
  }

  /** Who is logged in and the session's CSRF token (a browser back from OIDC has only the cookie). */
  private void session(Exchange x) throws Exception {
    String token = x.credentials().bearerToken().or(() -> x.credentials().sessionCookie())
        .orElseThrow(() -> new AuthException(AuthException.Kind.UNAUTHENTICATED, "no session"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subject", x.subject() instanceof dev.keelson.auth.Subject.User u ? u.name() : null);
    out.put("csrfToken", auth.sessions().csrfToken(token));
    x.json(out);
  }

  private void oidcStart(Exchange x) throws Exception {
    if (!auth.oidc().configured()) throw new ApiError(ErrorCode.not_found, "single sign-on is not configured");
    URI redirect = URI.create(origin(x) + "/auth/callback");
    AuthorizationRequest r = auth.oidc().start(redirect);
    long maxAge = Math.max(0, Duration.between(Instant.now(), r.expiresAt()).toSeconds());
    x.header("Set-Cookie", AuthorizationRequest.COOKIE + "=" + r.stateCookie()
        + "; HttpOnly; Secure; SameSite=Lax; Path=/auth/callback; Max-Age=" + maxAge);
    x.header("Location", r.url().toString());
    x.status(303);
  }

  private void oidcCallback(Exchange x) throws Exception {
    String code = x.query("code").orElseThrow(() -> new ApiError(ErrorCode.bad_request, "code is required"));
    String state = x.query("state").orElseThrow(() -> new ApiError(ErrorCode.bad_request, "state is required"));
    String cookie = x.header("Cookie").flatMap(c -> cookieValue(c, AuthorizationRequest.COOKIE))
        .orElseThrow(() -> new AuthException(AuthException.Kind.UNAUTHENTICATED, "the login was not started here"));
    IssuedSession s = auth.oidc().callback(code, state, cookie);
    x.header("Set-Cookie", cookie(s));
    x.header("Location", "/");
    x.status(303);
  }

  private static Map<String, Object> view(IssuedSession s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token", s.token());
    out.put("expiresAt", s.expiresAt().toString());
    out.put("csrfToken", s.csrfToken());
    return out;
  }

  private static String cookie(IssuedSession s) {
    long maxAge = Math.max(0, Duration.between(Instant.now(), s.expiresAt()).toSeconds());
    return IssuedSession.COOKIE + "=" + s.token() + "; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=" + maxAge;
  }

  private static String origin(Exchange x) {
    String host = x.header("Host").orElse("127.0.0.1");
    String proto = x.header("X-Forwarded-Proto").orElse("http");
    return proto + "://" + host;
  }

  static java.util.Optional<String> cookieValue(String header, String name) {
    for (String part : header.split(";")) {
      String p = part.strip();
      if (p.startsWith(name + "=")) return java.util.Optional.of(p.substring(name.length() + 1));
    }
    return java.util.Optional.empty();
  }
}
