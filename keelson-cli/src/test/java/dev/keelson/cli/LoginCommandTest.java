package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keelson login} against a server speaking POST /api/v1/session. */
class LoginCommandTest {
  HttpServer server;
  String url;
  final AtomicReference<String> lastBody = new AtomicReference<>();
  @TempDir Path home;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/session", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      lastBody.set(body);
      boolean ok = ex.getRequestMethod().equals("POST") && body.contains("\"username\":\"admin\"")
          && body.contains("\"password\":\"pa55\"");
      byte[] reply = (ok ? "{\"token\":\"session-token-1\",\"expiresAt\":\"2026-01-02T00:00:00Z\",\"csrfToken\":\"c\"}"
          : "{\"message\":\"invalid username or password\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(ok ? 200 : 401, reply.length);
      ex.getResponseBody().write(reply);
      ex.close();
    });
    server.start();
    url = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  static CliTest.Result withStdin(String input, String... args) {
    InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      return CliTest.run(args);
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void storesTheTokenInAFileOnlyTheUserCanRead() throws Exception {
    Path config = home.resolve(".config/keelson/config");
    CliTest.Result r = withStdin("pa55\n", "login", "--server", url + "/", "--username", "admin", "--password-stdin",
        "--config", config.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("logged in to " + url + " as admin until 2026-01-02T00:00:00Z").doesNotContain("session-token-1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent()))).isEqualTo("rwx------");
    CliConfig.Contents c = CliConfig.read(config);
    assertThat(c.current()).isEqualTo(url);
    assertThat(c.entry(url).orElseThrow().token()).isEqualTo("session-token-1");
    assertThat(c.entry(url).orElseThrow().toString()).doesNotContain("session-token-1");
    try (var files = Files.list(config.getParent())) {
      assertThat(files).containsExactly(config);
    }
  }

  @Test
  void aWrongPasswordStoresNothing() {
    Path config = home.resolve("config");
    CliTest.Result r = withStdin("wrong\n", "login", "--server", url, "--username", "admin", "--password-stdin",
        "--config", config.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("login failed: invalid username or password");
    assertThat(config).doesNotExist();
  }

  @Test
  void aSecondServerIsAddedAndBecomesCurrent() throws Exception {
    Path config = home.resolve("config");
    CliConfig.write(config, CliConfig.Contents.empty().with("https://other.example.com",
        new CliConfig.ServerEntry("bob", "t-other", null)));
    CliTest.Result r = withStdin("pa55\n", "login", "--server", url, "--username", "admin", "--password-stdin",
        "--config", config.toString());
    assertThat(r.code()).as(r.err()).isZero();
    CliConfig.Contents c = CliConfig.read(config);
    assertThat(c.current()).isEqualTo(url);
    assertThat(c.servers()).containsOnlyKeys("https://other.example.com", url);
  }
}
