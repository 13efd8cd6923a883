package dev.keelson.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keelson login}: a password login at a Keelson server ({@code POST /api/v1/session});
 * the session token is stored for later commands that name {@code --server}.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = "Log in to a Keelson server and store the session token in ~/.config/keelson/config.")
final class LoginCommand implements Callable<Integer> {
  @Option(names = "--server", required = true, paramLabel = "URL", description = "The server, e.g. https://keelson.example.com.")
  URI server;

  @Option(names = "--username", required = true, paramLabel = "U")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from standard input (else it is asked for).")
  boolean passwordStdin;

  @Option(names = "--config", paramLabel = "FILE", description = "Where to store the token (default: ~/.config/keelson/config).")
  Path config;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    char[] password = password();
    String base = server.toString().replaceAll("/+$", "");
    String body = JSON.writeValueAsString(Map.of("username", username, "password", new String(password)));
    HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/session")).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 && r.statusCode() != 201) {
      System.err.println("login failed: " + switch (r.statusCode()) {
        case 401 -> "invalid username or password";
        case 429 -> "too many failed logins; try again later";
        default -> "HTTP " + r.statusCode();
      });
      return ExitCodes.ERROR;
    }
    JsonNode reply = JSON.readTree(r.body());
    if (!reply.hasNonNull("token")) {
      System.err.println("login failed: the server's answer has no token");
      return ExitCodes.ERROR;
    }
    Path file = config != null ? config : CliConfig.defaultPath();
    CliConfig.write(file, CliConfig.read(file).with(base,
        new CliConfig.ServerEntry(username, reply.get("token").asText(), reply.path("expiresAt").asText(null))));
    System.out.println("logged in to " + base + " as " + username
        + (reply.hasNonNull("expiresAt") ? " until " + reply.get("expiresAt").asText() : "") + "; token stored in " + file);
    return ExitCodes.OK;
  }

  private char[] password() throws java.io.IOException {
    if (passwordStdin) {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) throw new IllegalArgumentException("no password on standard input");
      return line.toCharArray();
    }
    if (System.console() == null) throw new IllegalArgumentException("no terminal to ask for the password; use --password-stdin");
    return System.console().readPassword("Password: ");
  }
}
