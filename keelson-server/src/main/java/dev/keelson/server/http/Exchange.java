package dev.keelson.server.http;

import dev.keelson.auth.Action;
import dev.keelson.auth.Authorizer;
import dev.keelson.auth.RequestCredentials;
import dev.keelson.auth.Resource;
import dev.keelson.auth.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its answer, independent of the routes: path parameters, query, the strictly
 * read body, the authenticated subject, and JSON or streamed output.
 */
public final class Exchange {
  private final Request request;
  private final Response response;
  private final Method method;
  private final Map<String, String> pathParams;
  private final Fields query;
  private final RequestCredentials credentials;
  private final Subject subject;
  private final Authorizer authorizer;
  private final long maxBody;
  private int status = 200;
  private boolean answered;

  Exchange(Request request, Response response, Method method, Map<String, String> pathParams,
      RequestCredentials credentials, Subject subject, Authorizer authorizer, long maxBody) {
    this.request = request;
    this.response = response;
    this.method = method;
    this.pathParams = pathParams;
    this.query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    this.credentials = credentials;
    this.subject = subject;
    this.authorizer = authorizer;
    this.maxBody = maxBody;
  }

  public Method method() {
    return method;
  }

  public String path(String name) {
    String v = pathParams.get(name);
    if (v == null) throw new IllegalArgumentException("no path parameter " + name);
    return v;
  }

  public Optional<String> query(String name) {
    String v = query.getValue(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  public List<String> queryAll(String name) {
    List<String> values = query.getValues(name);
    return values == null ? List.of() : values.stream().filter(v -> !v.isEmpty()).toList();
  }

  public Optional<Integer> queryInt(String name, int min, int max) {
    return query(name).map(v -> {
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) throw ApiError.badParameter(name + " must be between " + min + " and " + max);
        return n;
      } catch (NumberFormatException e) {
        throw ApiError.badParameter(name + " must be a number, not '" + v + "'");
      }
    });
  }

  public boolean queryFlag(String name) {
    return query(name).map(v -> switch (v) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiError.badParameter(name + " must be true or false, not '" + v + "'");
    }).orElse(false);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  public RequestCredentials credentials() {
    return credentials;
  }

  public Subject subject() {
    return subject;
  }

  /** Whether the subject may; for filtering lists, where a denial hides an item rather than failing. */
  public boolean allowed(Resource resource, Action action, String object) {
    return authorizer.allowed(subject, resource, action, object);
  }

  /** @throws ApiError 403 when the subject may not (401 when anonymous: logging in may help) */
  public void authorize(Resource resource, Action action, String object) {
    if (!allowed(resource, action, object)) {
      if (subject instanceof Subject.Anonymous) {
        throw new ApiError(ErrorCode.unauthenticated, "log in to " + action + " " + resource + " " + object);
      }
      throw ApiError.forbidden("not allowed to " + action + " " + resource + " " + object);
    }
  }

  /**
   * The body as {@code type}, read strictly (see {@link Json}). A body above the limit is refused
   * whole; its rest is read and dropped (up to a bound) so that the client sees the answer rather
   * than a reset connection.
   */
  public <T> T body(Class<T> type) throws IOException {
    long declared = request.getLength();
    InputStream in = Content.Source.asInputStream(request);
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
    if (body.length > maxBody || declared > maxBody) {
      drain(in, declared);
      throw new ApiError(ErrorCode.body_too_large, "the body exceeds " + maxBody + " bytes");
    }
    return Json.read(body, type);
  }

  private static final long DRAIN_LIMIT = 16L << 20;

  /**
   * Reads the rest of a refused body (a client still sending would otherwise see its connection
   * reset instead of the answer); beyond the bound the connection is closed after the answer.
   */
  private void drain(InputStream in, long declared) throws IOException {
    if (declared > DRAIN_LIMIT) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      return;
    }
    byte[] sink = new byte[64 << 10];
    long read = 0;
    for (int n; read < DRAIN_LIMIT && (n = in.read(sink)) >= 0; ) read += n;
    if (read >= DRAIN_LIMIT) response.getHeaders().put(HttpHeader.CONNECTION, "close");
  }

  public Exchange status(int code) {
    this.status = code;
    return this;
  }

  public Exchange header(String name, String value) {
    response.getHeaders().add(name, value);
    return this;
  }

  public void json(Object value) throws IOException {
    byte[] bytes = Json.write(value);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    answered = true;
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(bytes);
    }
  }

  /** A streamed answer (SSE, logs): headers are sent with the first flush; closing ends it. */
  public OutputStream stream(String contentType) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    answered = true;
    return Content.Sink.asOutputStream(response);
  }

  boolean answered() {
    return answered;
  }

  Response response() {
    return response;
  }
}
