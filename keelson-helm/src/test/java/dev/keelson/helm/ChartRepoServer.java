package dev.keelson.helm;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A classic Helm repository on loopback: index.yaml and packaged charts, optionally behind basic auth. */
final class ChartRepoServer implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<String> entries = new ArrayList<>();
  private final String expectedAuth;

  ChartRepoServer(String username, String password) throws IOException {
    expectedAuth = username == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath().substring(1);
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      byte[] body = files.get(path);
      int status = 200;
      if (expectedAuth != null && !expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        status = 401;
        body = new byte[0];
      } else if (body == null) {
        status = 404;
        body = new byte[0];
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  /** Packages the chart directory with Helm and lists it in index.yaml. */
  void publish(Path chartDir, String name, String version) throws Exception {
    Path out = Files.createTempDirectory("keelson-helm-pkg");
    try {
      new Helm(chartDir).packageIt().withDestination(out).call();
      Path tgz = out.resolve(name + "-" + version + ".tgz");
      byte[] bytes = Files.readAllBytes(tgz);
      String file = "charts/" + name + "-" + version + ".tgz";
      files.put(file, bytes);
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      entries.add("  - name: " + name + "\n    version: " + version + "\n    digest: " + digest
          + "\n    urls: [\"" + file + "\"]\n");
      StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n  " + name + ":\n");
      entries.forEach(index::append);
      files.put("index.yaml", index.toString().getBytes(StandardCharsets.UTF_8));
    } finally {
      Workspace.deleteRecursively(out);
    }
  }

  /** Writes a small chart named {@code name} at {@code version} whose ConfigMap says its version. */
  static Path writeChart(Path parent, String name, String version) throws IOException {
    Path dir = parent.resolve(name + "-" + version).resolve(name);
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n");
    Files.writeString(dir.resolve("values.yaml"), "greeting: hello\n");
    Files.writeString(dir.resolve("templates/cm.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-%s
        data:
          version: {{ .Chart.Version | quote }}
          greeting: {{ .Values.greeting | quote }}
        """.formatted(name));
    return dir;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
