package dev.keelson.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code ~/.config/keelson/config} (or {@code $XDG_CONFIG_HOME/keelson/config}): the tokens
 * {@code keelson login} stored, per server, and which server is current. It holds credentials,
 * so it is only ever written 0600 in a 0700 directory, through a temporary file moved into place
 * (never a moment world-readable, never half-written).
 */
final class CliConfig {
  /** @param token a session token from {@code POST /api/v1/session} */
  record ServerEntry(String username, String token, String expiresAt) {
    @Override
    public String toString() {
      return "ServerEntry[username=" + username + ", expiresAt=" + expiresAt + "]";
    }
  }

  record Contents(String current, Map<String, ServerEntry> servers) {
    Contents {
      servers = new TreeMap<>(servers == null ? Map.of() : servers);
    }

    static Contents empty() {
      return new Contents(null, Map.of());
    }

    Contents with(String server, ServerEntry entry) {
      Map<String, ServerEntry> s = new TreeMap<>(servers);
      s.put(server, entry);
      return new Contents(server, s);
    }

    Contents without(String server) {
      Map<String, ServerEntry> s = new TreeMap<>(servers);
      s.remove(server);
      return new Contents(server.equals(current) ? null : current, s);
    }

    Optional<ServerEntry> entry(String server) {
      return Optional.ofNullable(servers.get(server));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CliConfig() {}

  static Path defaultPath() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("keelson").resolve("config");
  }

  static Contents read(Path file) throws IOException {
    if (!Files.exists(file)) return Contents.empty();
    return JSON.readValue(file.toFile(), Contents.class);
  }

  static void write(Path file, Contents contents) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.exists(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path tmp = Files.createTempFile(dir, ".config-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.write(tmp, JSON.writeValueAsBytes(contents));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
