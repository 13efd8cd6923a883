package dev.keelson.bench;

import dev.keelson.io.Directories;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Debian's docker-registry on a free loopback port with its storage in a temporary directory,
 * and the uploads of the OCI distribution API to fill it: one config and one empty layer, then a
 * manifest per tag (what a CI pushing many builds of one image leaves behind).
 */
final class BenchRegistry implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private byte[] manifest;

  BenchRegistry() throws Exception {
    if (!Files.isExecutable(BINARY)) throw new IllegalStateException(BINARY + " is missing: apt-get install -y docker-registry");
    dir = Files.createTempDirectory("keelson-bench-registry-");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("config.yml");
    Files.writeString(config, """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: 127.0.0.1:%d
        """.formatted(dir.resolve("storage"), port));
    process = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("registry.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) break;
      } catch (IOException e) {
        // not listening yet
      }
      if (!process.isAlive()) throw new IllegalStateException("docker-registry exited; see " + dir.resolve("registry.log"));
      if (System.nanoTime() > deadline) throw new IllegalStateException("docker-registry did not start within 30s");
      Thread.sleep(50);
    }
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  /** Tags one more manifest of the image. */
  void tag(String repository, String tag) throws Exception {
    if (manifest == null) manifest = upload(repository);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/" + repository
        + "/manifests/" + tag)).header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) throw new IOException("manifest PUT " + tag + ": HTTP " + r.statusCode());
  }

  private byte[] upload(String repository) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
      gz.write(new byte[1024]);
    }
    byte[] layer = b.toByteArray();
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
        + sha256(new byte[1024]) + "\"]}}").getBytes(StandardCharsets.UTF_8);
    blob(repository, layer);
    blob(repository, config);
    return ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + sha256(config) + "\",\"size\":" + config.length
        + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + sha256(layer)
        + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
  }

  private void blob(String repository, byte[] blob) throws Exception {
    HttpResponse<Void> start = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/" + repository
        + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    if (start.statusCode() != 202) throw new IOException("blob upload: HTTP " + start.statusCode());
    String location = start.headers().firstValue("Location").orElseThrow();
    URI put = URI.create("http://" + host() + "/").resolve(location + (location.contains("?") ? "&" : "?")
        + "digest=sha256:" + sha256(blob));
    HttpResponse<Void> done = http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(),
        HttpResponse.BodyHandlers.discarding());
    if (done.statusCode() != 201) throw new IOException("blob PUT: HTTP " + done.statusCode());
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Directories.deleteRecursively(dir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
