package dev.keelson.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Builds real repositories on disk with JGit for the tests. */
final class TestRepos {

  private static final PersonIdent AUTHOR =
      new PersonIdent("Test", "test@example.com", Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

  private TestRepos() {}

  /** A non-bare repository with {@code main} as the initial branch. */
  static Git init(Path dir) throws GitAPIException {
    return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  /** Writes the files (null content deletes) and commits all changes. */
  static RevCommit commit(Git git, String message, Map<String, String> files)
      throws IOException, GitAPIException {
    Path root = git.getRepository().getWorkTree().toPath();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      if (file.getValue() == null) {
        Files.deleteIfExists(path);
      } else {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
    }
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
  }

  /**
   * The standard fixture: main with four commits tagged v1.0.0 (annotated), v1.2.0, v1.3.5
   * (annotated), v2.0.0, plus branch {@code feature} forked at v1.2.0 with one more commit.
   */
  static Fixture standard(Path dir) throws IOException, GitAPIException {
    Git git = init(dir);
    RevCommit c1 =
        commit(
            git,
            "initial",
            Map.of(
                "README.md", "hello\n",
                "apps/web/deployment.yaml", "kind: Deployment\n",
                "apps/web/config/app.properties", "color=blue\n",
                "apps/web/config/nested/deeper.txt", "deep\n",
                "apps/api/service.yaml", "kind: Service\n"));
    git.tag().setName("v1.0.0").setAnnotated(true).setMessage("release 1.0.0").setTagger(AUTHOR).call();
    RevCommit c2 = commit(git, "api 1.2", Map.of("apps/api/service.yaml", "kind: Service\n# 1.2\n"));
    git.tag().setName("v1.2.0").setAnnotated(false).call();
    RevCommit c3 = commit(git, "api 1.3.5", Map.of("apps/api/service.yaml", "kind: Service\n# 1.3.5\n"));
    git.tag().setName("v1.3.5").setAnnotated(true).setMessage("release 1.3.5").setTagger(AUTHOR).call();
    RevCommit c4 = commit(git, "api 2", Map.of("apps/api/service.yaml", "kind: Service\n# 2\n"));
    git.tag().setName("v2.0.0").setAnnotated(false).call();
    git.checkout().setCreateBranch(true).setName("feature").setStartPoint(c2).call();
    RevCommit f1 = commit(git, "feature work", Map.of("apps/web/feature.yaml", "feature: true\n"));
    git.checkout().setName("main").call();
    return new Fixture(git, c1.name(), c2.name(), c3.name(), c4.name(), f1.name());
  }

  record Fixture(Git git, String c1, String c2, String c3, String c4, String feature)
      implements AutoCloseable {
    @Override
    public void close() {
      git.close();
    }
  }

  /** A clock the test moves by hand, to cross fetch intervals without waiting. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2024-06-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
