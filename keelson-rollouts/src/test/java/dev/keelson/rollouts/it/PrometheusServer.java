package dev.keelson.rollouts.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Prometheus (Debian's {@code prometheus} package, see hack/test.sh) on a loopback port,
 * with its own config and storage in a temporary directory, scraping one target every second.
 */
final class PrometheusServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");
  private final Path dir;
  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** Starts Prometheus scraping {@code target} ({@code host:port}, path /metrics) and waits until it is ready. */
  static PrometheusServer start(String target) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " not found: install the Debian package prometheus (hack/test.sh does)");
    }
    Path dir = Files.createTempDirectory("keelson-prometheus-");
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        scrape_configs:
        - job_name: app
          static_configs: [{targets: ['%s']}]
        """.formatted(target));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port))
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    PrometheusServer server = new PrometheusServer(dir, p, port);
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
        if (!p.isAlive()) throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
        return server.ready();
      });
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  String address() {
    return "http://127.0.0.1:" + port;
  }

  /** The raw answer of an instant query, for waiting until a scraped value shows. */
  String query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
  }

  private boolean ready() throws InterruptedException {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(address() + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
