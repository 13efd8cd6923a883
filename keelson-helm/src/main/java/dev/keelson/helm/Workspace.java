package dev.keelson.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh owner-only temporary directory for one render, deleted on close whatever happened: values
 * may hold secrets from valuesFrom, and nothing of one app may be seen by another.
 */
final class Workspace implements AutoCloseable {

  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  static Workspace create() throws IOException {
    Path dir;
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      dir = Files.createTempDirectory("keelson-helm-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      dir = Files.createTempDirectory("keelson-helm-");
    }
    return new Workspace(dir);
  }

  Path root() {
    return root;
  }

  /** Writes a file below the workspace, refusing paths that would leave it. */
  Path write(String relative, byte[] content) throws IOException {
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root)) {
      throw new IOException("path escapes the work directory: " + relative);
    }
    Files.createDirectories(target.getParent());
    Files.write(target, content);
    return target;
  }

  @Override
  public void close() {
    deleteRecursively(root);
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover directory in the temp area is not worth failing a render for.
    }
  }
}
