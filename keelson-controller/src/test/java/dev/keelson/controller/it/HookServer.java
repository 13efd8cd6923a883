package dev.keelson.controller.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on loopback standing in for a webhook, a chat service or a Git server's status
 * API: records every request, and answers each with the next of the given status codes (then 200).
 */
public final class HookServer implements AutoCloseable {
  public record Request(String method, String path, Map<String, String> headers, String body, int answered) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final int[] answers;
  private final AtomicInteger count = new AtomicInteger();

  public HookServer(int... answers) throws IOException {
    this.answers = answers;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int n = count.getAndIncrement();
      int code = n < this.answers.length ? this.answers[n] : 200;
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
      synchronized (requests) {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
            new String(body, StandardCharsets.UTF_8), code));
      }
      byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(code, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
