package dev.keelson.controller.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real Git repository on disk, written to by tests and read by Keelson over file://. */
public final class GitFixture implements AutoCloseable {
  private final Path dir;
  private final Git git;

  public GitFixture() throws IOException, GitAPIException {
    dir = Files.createTempDirectory("keelson-repo-");
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  public String url() {
    return dir.toUri().toString();
  }

  public GitFixture write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return this;
  }

  public GitFixture delete(String path) throws IOException {
    Files.delete(dir.resolve(path));
    return this;
  }

  public String commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Keelson Test", "test@keelson.dev");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true).call().getName();
  }

  @Override
  public void close() {
    git.close();
  }
}
