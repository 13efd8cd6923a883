package dev.keelson.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
  @TempDir Path tmp;

  @Test
  void deletesATreeWithoutFollowingLinks() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "kept");
    Path root = Files.createDirectories(tmp.resolve("root/a/b"));
    Files.writeString(root.resolve("file.txt"), "x");
    Files.createSymbolicLink(tmp.resolve("root/link"), outside);

    Directories.deleteRecursively(tmp.resolve("root"));

    assertThat(tmp.resolve("root")).doesNotExist();
    assertThat(outside.resolve("keep.txt")).exists();
  }

  @Test
  void aMissingDirectoryIsNothingToDo() throws Exception {
    Directories.deleteRecursively(tmp.resolve("missing"));

    assertThat(Directories.deleteQuietly(tmp.resolve("missing"))).isTrue();
  }
}
