package dev.keelson.secrets.sops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared sops fixtures, found from any worktree: an ancestor of the working directory has {@code shared/fixtures/sops} next to it. */
final class Fixtures {
  private Fixtures() {}

  static Path dir() {
    Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = p; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/fixtures/sops");
      if (Files.isDirectory(candidate)) return candidate;
    }
    throw new IllegalStateException("no shared/fixtures/sops next to any ancestor of " + p);
  }

  static byte[] read(String name) throws IOException {
    return Files.readAllBytes(dir().resolve(name));
  }

  static SopsKeys pgpKey() throws Exception {
    return SopsKeys.pgpSecretKeys("sops_functional_tests_key.asc", read("sops_functional_tests_key.asc"));
  }
}
