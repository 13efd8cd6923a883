package dev.keelson.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A Git repository on local disk that the engine reads over file://, one directory per app. */
final class BenchRepo implements AutoCloseable {
  static final String BRANCH = "main";

  private final Path dir;
  private final Git git;

  private BenchRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  static BenchRepo init(Path dir) throws IOException, GitAPIException {
    Files.createDirectories(dir);
    return new BenchRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch(BRANCH).call());
  }

  String url() {
    return dir.toUri().toString();
  }

  Path dir() {
    return dir;
  }

  /** The directory of an app, relative to the repository root. */
  static String appPath(String app) {
    return "apps/" + app;
  }

  void writeApp(String app, Map<String, String> files) throws IOException {
    Path appDir = dir.resolve(appPath(app));
    Files.createDirectories(appDir);
    for (var f : files.entrySet()) {
      Path file = appDir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
    }
  }

  void write(String relativePath, String content) throws IOException {
    Path file = dir.resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  String read(String relativePath) throws IOException {
    return Files.readString(dir.resolve(relativePath));
  }

  /** Commits everything in the working tree; returns the commit id. */
  String commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Keelson Bench", "bench@keelson.dev");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true).call().getName();
  }

  @Override
  public void close() {
    git.close();
  }
}
