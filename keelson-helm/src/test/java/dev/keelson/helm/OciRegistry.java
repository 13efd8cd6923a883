package dev.keelson.helm;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (the CNCF distribution registry) on a free loopback port, with
 * its storage in a temporary directory. Missing binary is a failure, not a skip: hack/test.sh
 * installs it.
 */
public final class OciRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final Path dir;
  private final int port;

  /** A bcrypt hash of {@link #PASSWORD} for user {@link #USER}, the form docker-registry's htpasswd wants. */
  public static final String USER = "robot";
  public static final String PASSWORD = "oci-s3cret";
  private static final String HTPASSWD = USER + ":$2b$12$NdLwGXSeHEMRSpgKRzFlpurcOq48M55CRxph5miH5A0nNxL3OzQFq\n";

  public OciRegistry() throws IOException {
    this(false);
  }

  /** @param basicAuth require {@link #USER}/{@link #PASSWORD} for every request */
  public OciRegistry(boolean basicAuth) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: apt-get install -y docker-registry (hack/test.sh installs it)");
    }
    dir = Files.createTempDirectory("keelson-oci-registry");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("config.yml");
    String auth = "";
    if (basicAuth) {
      Files.writeString(dir.resolve("htpasswd"), HTPASSWD);
      auth = "auth:\n  htpasswd:\n    realm: keelson-test\n    path: " + dir.resolve("htpasswd") + "\n";
    }
    Files.writeString(config, auth + """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: 127.0.0.1:%d
        """.formatted(dir.resolve("storage"), port));
    process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("registry.log").toFile())
        .start();
    HttpClient client = HttpClient.newHttpClient();
    URI ping = URI.create("http://127.0.0.1:" + port + "/v2/");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .failFast("docker-registry exited", () -> !process.isAlive())
        .until(() -> client.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == (basicAuth ? 401 : 200));
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Workspace.deleteRecursively(dir);
  }
}
