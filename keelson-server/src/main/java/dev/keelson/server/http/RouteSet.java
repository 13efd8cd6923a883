package dev.keelson.server.http;

/**
 * Endpoints contributed from outside this module, mounted beside the API's own: how the auth
 * module adds {@code /api/v1/session} and {@code /auth/*} (login, logout, OIDC) without the
 * handlers here knowing about them. Login routes use {@link Access#PUBLIC}; set cookies and
 * redirects through {@link Exchange#header(String, String)} and {@link Exchange#status(int)}.
 */
@FunctionalInterface
public interface RouteSet {
  void register(Routes routes);
}
