package dev.keelson.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deletes directory trees: the one file system chore every module has. */
public final class Directories {
  private Directories() {}

  /**
   * Deletes {@code root} and everything under it; nothing happens when it does not exist. Symbolic
   * links are deleted, never followed.
   */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE; // gone meanwhile
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) throw e;
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * As {@link #deleteRecursively}, for temporary directories where a leftover is not worth failing
   * for: true when the tree is gone.
   */
  public static boolean deleteQuietly(Path root) {
    try {
      deleteRecursively(root);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
