package dev.keelson.server.http;

import dev.keelson.auth.AuthException;
import dev.keelson.auth.Authenticator;
import dev.keelson.auth.Authorizer;
import dev.keelson.auth.RequestCredentials;
import dev.keelson.auth.Subject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty handler of the whole API: matches the route, authenticates the request, runs the
 * handler and turns every failure into a JSON error. Handlers block (Jetty's pool threads may);
 * nothing here is asynchronous except what Jetty does underneath.
 */
public final class Router extends Handler.Abstract implements Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  public static final String SESSION_COOKIE = "keelson.token";
  public static final String CSRF_HEADER = "X-Keelson-CSRF";

  private record Route(Method method, String[] segments, Access access, dev.keelson.server.http.Handler handler) {
    Optional<Map<String, String>> match(String[] path) {
      if (path.length != segments.length) return Optional.empty();
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < path.length; i++) {
        String s = segments[i];
        if (s.startsWith("{") && s.endsWith("}")) {
          if (path[i].isEmpty()) return Optional.empty();
          params.put(s.substring(1, s.length() - 1), path[i]);
        } else if (!s.equals(path[i])) {
          return Optional.empty();
        }
      }
      return Optional.of(params);
    }
  }

  private final List<Route> routes = new ArrayList<>();
  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final long maxBody;

  public Router(Authenticator authenticator, Authorizer authorizer, long maxBody) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.maxBody = maxBody;
  }

  @Override
  public synchronized void add(Method method, String path, Access access, dev.keelson.server.http.Handler handler) {
    String[] segments = split(path);
    boolean taken = routes.stream().anyMatch(r -> r.method == method && String.join("/", r.segments).equals(String.join("/", segments)));
    if (taken) throw new IllegalStateException(method + " " + path + " is already mounted");
    routes.add(new Route(method, segments, access, handler));
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p.split("/", -1);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      dispatch(request, response);
      callback.succeeded();
    } catch (Throwable t) {
      callback.failed(t);
    }
    return true;
  }

  private void dispatch(Request request, Response response) throws IOException {
    Method method;
    try {
      method = Method.valueOf(request.getMethod());
    } catch (IllegalArgumentException e) {
      error(request, response, ErrorCode.method_not_allowed, request.getMethod() + " is not served");
      return;
    }
    String[] path = split(Request.getPathInContext(request));
    Route route = null;
    Map<String, String> params = null;
    boolean pathKnown = false;
    for (Route r : routes) {
      Optional<Map<String, String>> m = r.match(path);
      if (m.isEmpty()) continue;
      pathKnown = true;
      if (r.method == method) {
        route = r;
        params = m.get();
        break;
      }
    }
    if (route == null) {
      if (pathKnown) error(request, response, ErrorCode.method_not_allowed, method + " is not served here");
      else error(request, response, ErrorCode.not_found, "no endpoint " + Request.getPathInContext(request));
      return;
    }
    RequestCredentials credentials = credentials(request, method);
    Exchange exchange = null;
    try {
      Subject subject = route.access == Access.PUBLIC ? Subject.ANONYMOUS : authenticator.authenticate(credentials);
      exchange = new Exchange(request, response, method, params, credentials, subject, authorizer, maxBody);
      route.handler.handle(exchange);
      if (!exchange.answered()) response.setStatus(204);
      drain(request, response);
    } catch (AuthException e) {
      error(request, response, switch (e.kind()) {
        case UNAUTHENTICATED -> ErrorCode.unauthenticated;
        case FORBIDDEN -> ErrorCode.forbidden;
        case RATE_LIMITED -> ErrorCode.rate_limited;
      }, e.getMessage());
    } catch (ApiError e) {
      if (exchange != null && exchange.answered()) throw new EofException(e.getMessage());
      error(request, response, e.code(), e.getMessage());
    } catch (EofException e) {
      throw e; // the client went away: nothing to answer
    } catch (Exception e) {
      LOG.warn("{} {} failed", method, Request.getPathInContext(request), e);
      if (exchange != null && exchange.answered()) throw new IOException(e);
      error(request, response, ErrorCode.internal, "internal error: " + e.getClass().getSimpleName());
    }
  }

  private static final long DRAIN_LIMIT = 1L << 20;

  /**
   * Reads what is left of the request body before answering. A body left unread makes Jetty
   * close the connection, and a client that already pooled it for its next request sees that one
   * fail; past the bound, the answer says it closes the connection instead.
   */
  private static void drain(Request request, Response response) throws IOException {
    java.io.InputStream in = Content.Source.asInputStream(request);
    byte[] sink = new byte[16 << 10];
    long read = 0;
    for (int n; read < DRAIN_LIMIT && (n = in.read(sink)) >= 0; ) read += n;
    if (read >= DRAIN_LIMIT && !response.isCommitted()) response.getHeaders().put(HttpHeader.CONNECTION, "close");
  }

  private static RequestCredentials credentials(Request request, Method method) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    Optional<String> bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? Optional.of(authorization.substring(7).trim()).filter(s -> !s.isEmpty()) : Optional.empty();
    Optional<String> cookie = Request.getCookies(request).stream()
        .filter(c -> SESSION_COOKIE.equals(c.getName())).map(HttpCookie::getValue).findFirst();
    Optional<String> csrf = Optional.ofNullable(request.getHeaders().get(CSRF_HEADER));
    return new RequestCredentials(bearer, cookie, csrf, method.unsafe(), Request.getRemoteAddr(request));
  }

  static void error(Request request, Response response, ErrorCode code, String message) throws IOException {
    drain(request, response);
    byte[] bytes = Json.write(new ErrorBody(code, message));
    response.setStatus(code.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(bytes);
    }
  }
}
