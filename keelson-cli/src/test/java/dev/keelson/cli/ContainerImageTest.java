package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.cli.image.ContainerImage;
import dev.keelson.cli.image.JavaRuntime;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image Jib builds from scratch: its layers and config, in a tarball and in a real registry. */
class ContainerImageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static ContainerImage.Inputs inputs;

  @TempDir Path dir;

  @BeforeAll
  static void inputs() throws Exception {
    // jlink once per checkout: target/ keeps it between runs
    Path runtime = JavaRuntime.in(Path.of("target", "image-cache").toAbsolutePath());
    List<Path> jars = new ArrayList<>();
    // a stand-in for the CLI's own jar (in the reactor its classes are a directory) and two libraries
    Path app = Files.createTempDirectory("keelson-image-jars").resolve("keelson-cli.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app))) {
      jar.putNextEntry(new ZipEntry("dev/keelson/cli/marker.txt"));
      jar.write("keelson".getBytes());
    }
    jars.add(app);
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.contains("picocli") || e.contains("slf4j-api")) jars.add(Path.of(e));
    }
    assertThat(jars).hasSize(3);
    inputs = new ContainerImage.Inputs(jars, runtime);
  }

  @Test
  @DisplayName("to a tarball: OCI layout, entrypoint `java -cp /app/lib/* KeelsonCli`, command controller, a jlink'd runtime with its C libraries")
  void tarball() throws Exception {
    Path tar = dir.resolve("keelson.tar");
    String digest = ContainerImage.build(inputs, new ContainerImage.Tarball(tar, "keelson:test"));
    assertThat(digest).startsWith("sha256:");

    Map<String, byte[]> blobs = new HashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.isFile()) blobs.put(e.getName(), in.readAllBytes());
      }
    }
    JsonNode manifest = manifestOf(blobs);
    JsonNode config = JSON.readTree(blob(blobs, manifest.get("config").get("digest").asText()));
    assertConfig(config);
    assertThat(manifest.get("layers")).hasSize(4);

    Map<String, TarArchiveEntry> files = new HashMap<>();
    for (JsonNode layer : manifest.get("layers")) {
      byte[] gz = blob(blobs, layer.get("digest").asText());
      try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new java.io.ByteArrayInputStream(gz)))) {
        for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) files.put(e.getName(), e);
      }
    }
    assertThat(files).containsKeys("app/lib/keelson-cli.jar", "opt/java/lib/modules", "opt/java/lib/server/libjvm.so");
    assertThat(files.get("opt/java/bin/java").getMode() & 0111).as("java is executable").isNotZero();
    assertThat(files.keySet()).as("the C library and the dynamic loader of a scratch image")
        .anyMatch(f -> f.matches(".*/libc\\.so\\.6")).anyMatch(f -> f.matches(".*/ld-linux.*\\.so\\.2"));
  }

  @Test
  @DisplayName("to a registry: pushed to docker-registry on loopback, its manifest and config read back")
  void registry() throws Exception {
    try (LoopbackRegistry registry = new LoopbackRegistry()) {
      String ref = registry.host() + "/keelson/keelson:test";
      String digest = ContainerImage.build(inputs, new ContainerImage.Registry(ref, true));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<byte[]> m = http.send(HttpRequest.newBuilder(
              URI.create("http://" + registry.host() + "/v2/keelson/keelson/manifests/test"))
          .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.headers().firstValue("Docker-Content-Digest")).contains(digest);
      JsonNode manifest = JSON.readTree(m.body());
      assertThat(manifest.get("layers")).hasSize(4);
      HttpResponse<byte[]> c = http.send(HttpRequest.newBuilder(URI.create("http://" + registry.host()
          + "/v2/keelson/keelson/blobs/" + manifest.get("config").get("digest").asText())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(c.statusCode()).isEqualTo(200);
      assertConfig(JSON.readTree(c.body()));
    }
  }

  private static void assertConfig(JsonNode config) {
    JsonNode c = config.get("config");
    assertThat(JSON.convertValue(c.get("Entrypoint"), List.class)).isEqualTo(ContainerImage.ENTRYPOINT);
    assertThat(JSON.convertValue(c.get("Cmd"), List.class)).containsExactly("controller");
    assertThat(c.get("User").asText()).isEqualTo("65532");
    assertThat(config.get("os").asText()).isEqualTo("linux");
  }

  /** Jib writes an OCI layout (index.json, blobs/sha256/...) or a Docker one (manifest.json). */
  private static JsonNode manifestOf(Map<String, byte[]> blobs) throws IOException {
    if (blobs.containsKey("index.json")) {
      JsonNode index = JSON.readTree(blobs.get("index.json"));
      return JSON.readTree(blob(blobs, index.get("manifests").get(0).get("digest").asText()));
    }
    throw new AssertionError("no index.json in the tarball: " + blobs.keySet());
  }

  private static byte[] blob(Map<String, byte[]> blobs, String digest) {
    byte[] b = blobs.get("blobs/" + digest.replace(':', '/'));
    if (b == null) throw new AssertionError("blob " + digest + " missing: " + blobs.keySet());
    return b;
  }

  @SuppressWarnings("unused")
  private static byte[] read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
