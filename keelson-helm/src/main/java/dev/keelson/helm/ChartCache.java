package dev.keelson.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Chart archives on disk, named by the SHA-256 of their content: a digest names exactly one
 * archive, so an entry never goes stale and any number of apps share it.
 */
final class ChartCache {

  private final Path dir;

  ChartCache(Path dir) {
    this.dir = dir;
  }

  Optional<byte[]> get(String sha256) throws IOException {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      return Optional.empty();
    }
    Path file = dir.resolve(sha256 + ".tgz");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    // A torn write or a tampered file is treated as absent, never served.
    return Digests.sha256Hex(bytes).equals(sha256) ? Optional.of(bytes) : Optional.empty();
  }

  void put(byte[] archive) throws IOException {
    Files.createDirectories(dir);
    String sha = Digests.sha256Hex(archive);
    Path tmp = Files.createTempFile(dir, sha, ".part");
    Files.write(tmp, archive);
    Files.move(tmp, dir.resolve(sha + ".tgz"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
