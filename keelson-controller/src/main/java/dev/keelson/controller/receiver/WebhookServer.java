package dev.keelson.controller.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Receivers at {@code /hook/<digest>}: verifies the request, answers at once, and lets
 * the push trigger the apps it concerns. Anything else (an unknown path, a body over 1 MiB, a bad
 * or missing signature, an event not acted upon, too many requests) gets a 4xx and changes nothing.
 */
public final class WebhookServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  static final int MAX_BODY = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Receivers receivers;
  private final PushTrigger trigger;

  WebhookServer(int port, Receivers receivers, PushTrigger trigger) throws IOException {
    this.receivers = receivers;
    this.trigger = trigger;
    this.server = HttpServer.create(new InetSocketAddress(port), 0);
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "keelson-webhook");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/hook/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      if (!x.getRequestMethod().equals("POST")) {
        answer(x, 405, "POST only");
        return;
      }
      var found = receivers.at(x.getRequestURI().getPath());
      if (found.isEmpty()) {
        answer(x, 404, "no receiver at this path");
        return;
      }
      Receivers.Entry r = found.get();
      if (!r.limit().tryAcquire()) {
        answer(x, 429, "too many requests for receiver " + r.namespace() + "/" + r.name());
        return;
      }
      byte[] body = readBounded(x);
      if (body == null) {
        answer(x, 413, "body over " + MAX_BODY + " bytes");
        return;
      }
      if (!Signatures.verify(r.type(), r.token(), body, name -> x.getRequestHeaders().getFirst(name))) {
        LOG.debug("receiver {}/{}: signature missing or wrong", r.namespace(), r.name());
        answer(x, 401, "signature missing or wrong");
        return;
      }
      if (r.suspended()) {
        answer(x, 503, "receiver is suspended");
        return;
      }
      String event = r.type().eventHeader == null ? null : x.getRequestHeaders().getFirst(r.type().eventHeader);
      if (event != null && r.type().pings.contains(event)) {
        answer(x, 200, "pong");
        return;
      }
      if (r.type().eventHeader != null && !accepted(r.events(), event)) {
        answer(x, 400, "event " + event + " is not acted upon by this receiver");
        return;
      }
      var apps = trigger.fire(r, PushEvent.parse(r.type(), body));
      LOG.debug("receiver {}/{}: reconciling {}", r.namespace(), r.name(), apps);
      answer(x, 200, "reconciling " + apps.size() + " application(s)");
    } catch (RuntimeException e) {
      LOG.warn("webhook request failed", e);
      answer(x, 500, "internal error");
    }
  }

  private static boolean accepted(List<String> events, String event) {
    return event != null && events.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).equals(event.toLowerCase(Locale.ROOT)));
  }

  /**
   * The body, or null when it is larger than {@link #MAX_BODY}; never holds more than that. The
   * rest of an oversized body is read and dropped (up to {@link #MAX_DRAINED}) so that the client
   * gets its 413 rather than a reset connection.
   */
  private static byte[] readBounded(HttpExchange x) throws IOException {
    try (InputStream in = x.getRequestBody()) {
      byte[] b = in.readNBytes(MAX_BODY + 1);
      if (b.length <= MAX_BODY) return b;
      // read, not skip: the server's body stream inherits skip from FilterInputStream, which
      // skips on the socket itself, past the body, and waits for bytes that never come
      byte[] buffer = new byte[64 * 1024];
      long dropped = 0;
      while (dropped < MAX_DRAINED) {
        int n = in.read(buffer);
        if (n < 0) break;
        dropped += n;
      }
      return null;
    }
  }

  static final long MAX_DRAINED = 16L << 20;

  private static void answer(HttpExchange x, int code, String message) throws IOException {
    byte[] body = ("{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n")
        .getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(code, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
