package dev.keelson.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local checkout standing in for the repository an app names (`keelson plan --repo PATH`). */
class LocalCheckoutTest {
  static final String REMOTE = "https://git.example.com/platform/deploy.git";

  @TempDir Path tmp;

  @Test
  @DisplayName("a checkout serves the URLs of its remotes, however spelled, and its own path; nothing else")
  void serves() throws Exception {
    try (Git git = TestRepos.init(tmp.resolve("work"))) {
      git.remoteAdd().setName("origin").setUri(new URIish(REMOTE)).call();
      TestRepos.commit(git, "one", Map.of("apps/web/cm.yaml", "a: 1\n"));
    }
    LocalCheckout checkout = LocalCheckout.open(tmp.resolve("work").resolve("apps"));
    assertThat(checkout.gitDir()).isEqualTo(tmp.resolve("work").resolve(".git"));
    assertThat(checkout.serves(REMOTE)).isTrue();
    assertThat(checkout.serves("https://GIT.example.com:443/platform/deploy")).isTrue();
    assertThat(checkout.serves(tmp.resolve("work").toUri().toString())).isTrue();
    assertThat(checkout.serves(tmp.resolve("work").toString())).isTrue();
    assertThat(checkout.serves("https://git.example.com/platform/other.git")).isFalse();
    assertThatThrownBy(() -> LocalCheckout.open(Files.createDirectories(tmp.resolve("plain"))))
        .isInstanceOf(SourceException.class).hasMessageContaining("not a Git repository");
  }

  @Test
  @DisplayName("standing in: the remote URL reads the checkout's commits, unpushed and detached ones too, and is never fetched")
  void standIn() throws Exception {
    RevCommit main;
    RevCommit local;
    try (Git git = TestRepos.init(tmp.resolve("work"))) {
      main = TestRepos.commit(git, "one", Map.of("apps/web/cm.yaml", "a: 1\n"));
      local = TestRepos.commit(git, "two", Map.of("apps/web/cm.yaml", "a: 2\n"));
      // as a CI checkout: the base branch only as origin's remote-tracking branch, HEAD detached
      RefUpdate u = git.getRepository().updateRef("refs/remotes/origin/release");
      u.setNewObjectId(main);
      u.update();
      git.checkout().setName(local.getName()).call();
    }
    try (GitSourceCache cache = new GitSourceCache(tmp.resolve("cache"))) {
      cache.standIn(REMOTE, LocalCheckout.open(tmp.resolve("work")).gitDir());
      FetchResult f = cache.fetch(REMOTE, GitCredentials.NONE, Duration.ZERO, true);
      assertThat(f.fetched()).isFalse();
      assertThat(cache.fetchCount(REMOTE)).isZero();
      assertThat(cache.resolve(REMOTE, "HEAD").commitSha()).isEqualTo(local.getName());
      assertThat(cache.resolve(REMOTE, "release").commitSha()).isEqualTo(main.getName());
      String at = cache.resolve(REMOTE, local.getName().substring(0, 10)).commitSha();
      assertThat(new String(cache.read(REMOTE, at, "apps/web").files().get("cm.yaml"), UTF_8)).isEqualTo("a: 2\n");
      assertThat(cache.treeId(REMOTE, main.getName(), "apps/web"))
          .isNotEqualTo(cache.treeId(REMOTE, local.getName(), "apps/web"));
    }
    assertThat(tmp.resolve("cache")).doesNotExist();
  }
}
