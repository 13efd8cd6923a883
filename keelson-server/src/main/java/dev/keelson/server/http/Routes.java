package dev.keelson.server.http;

/**
 * Where endpoints are mounted. Paths are literal segments and {@code {param}} segments, e.g.
 * {@code /api/v1/applications/{namespace}/{name}}; the first route registered for a method and
 * path wins, so a {@link RouteSet} cannot replace an endpoint it did not register.
 */
public interface Routes {
  void add(Method method, String path, Access access, Handler handler);

  default void get(String path, Handler handler) {
    add(Method.GET, path, Access.AUTHENTICATED, handler);
  }

  default void post(String path, Handler handler) {
    add(Method.POST, path, Access.AUTHENTICATED, handler);
  }
}
