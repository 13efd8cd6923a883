package dev.keelson.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

  private static final Duration ALWAYS = Duration.ZERO;

  @TempDir Path tmp;

  private TestRepos.Fixture origin;
  private String url;
  private TestRepos.MutableClock clock;
  private GitSourceCache cache;

  @BeforeEach
  void setUp() throws Exception {
    origin = TestRepos.standard(tmp.resolve("origin"));
    url = tmp.resolve("origin").toUri().toString();
    assertThat(url).startsWith("file:///");
    clock = new TestRepos.MutableClock();
    cache = new GitSourceCache(tmp.resolve("cache"), clock, Duration.ofSeconds(30));
    cache.fetch(url, GitCredentials.NONE, ALWAYS, false);
  }

  @AfterEach
  void tearDown() {
    cache.close();
    origin.close();
  }

  @Test
  void resolvesHeadBranchTagShaAndSemverRange() throws Exception {
    assertThat(cache.resolve(url, "")).isEqualTo(new ResolvedRevision(origin.c4(), "refs/heads/main"));
    assertThat(cache.resolve(url, "HEAD")).isEqualTo(new ResolvedRevision(origin.c4(), "refs/heads/main"));
    assertThat(cache.resolve(url, null).commitSha()).isEqualTo(origin.c4());
    assertThat(cache.resolve(url, "main")).isEqualTo(new ResolvedRevision(origin.c4(), "refs/heads/main"));
    assertThat(cache.resolve(url, "feature"))
        .isEqualTo(new ResolvedRevision(origin.feature(), "refs/heads/feature"));
    assertThat(cache.resolve(url, "refs/heads/feature").commitSha()).isEqualTo(origin.feature());
    // Annotated tags are peeled to their commit; lightweight tags point at it directly.
    assertThat(cache.resolve(url, "v1.0.0")).isEqualTo(new ResolvedRevision(origin.c1(), "refs/tags/v1.0.0"));
    assertThat(cache.resolve(url, "v1.2.0")).isEqualTo(new ResolvedRevision(origin.c2(), "refs/tags/v1.2.0"));
    assertThat(cache.resolve(url, origin.c3())).isEqualTo(new ResolvedRevision(origin.c3(), origin.c3()));
    assertThat(cache.resolve(url, origin.c2().substring(0, 10).toUpperCase()).commitSha())
        .isEqualTo(origin.c2());
    assertThat(cache.resolve(url, ">=1.2.0 <2.0.0"))
        .isEqualTo(new ResolvedRevision(origin.c3(), "refs/tags/v1.3.5"));
  }

  @Test
  void semverRangesAcceptNpmAndCommaSyntax() throws Exception {
    assertThat(cache.resolve(url, ">=1.2.0, <2.0.0").ref()).isEqualTo("refs/tags/v1.3.5");
    assertThat(cache.resolve(url, ">= 1.2, < 2").ref()).isEqualTo("refs/tags/v1.3.5");
    assertThat(cache.resolve(url, "^1.0.0").ref()).isEqualTo("refs/tags/v1.3.5");
    assertThat(cache.resolve(url, "~1.2.0").ref()).isEqualTo("refs/tags/v1.2.0");
    assertThat(cache.resolve(url, "1.x").ref()).isEqualTo("refs/tags/v1.3.5");
    assertThat(cache.resolve(url, "*").ref()).isEqualTo("refs/tags/v2.0.0");
    // An exact version without the v matches the v-prefixed tag.
    assertThat(cache.resolve(url, "1.3.5").ref()).isEqualTo("refs/tags/v1.3.5");
    assertThatThrownBy(() -> cache.resolve(url, ">=3.0.0"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("revision >=3.0.0 not found in");
  }

  @Test
  void unprefixedTagsTakePartInRanges() throws Exception {
    origin.git().tag().setName("1.4.0").setObjectId(parse(origin.c3())).call();
    origin.git().tag().setName("not-a-version").call();
    cache.fetch(url, GitCredentials.NONE, ALWAYS, false);
    assertThat(cache.resolve(url, ">=1.2.0 <2.0.0"))
        .isEqualTo(new ResolvedRevision(origin.c3(), "refs/tags/1.4.0"));
  }

  @Test
  void unknownRevisionFails() {
    assertThatThrownBy(() -> cache.resolve(url, "no-such-branch"))
        .isInstanceOf(SourceException.class)
        .hasMessage("revision no-such-branch not found in " + url);
    // Words without digits are never ranges, even those semver4j would read as "*".
    assertThatThrownBy(() -> cache.resolve(url, "latest"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("revision latest not found");
    assertThatThrownBy(() -> cache.resolve(url, "0000000000000000000000000000000000000000"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void newCommitIsVisibleAfterFetch() throws Exception {
    RevCommit next = TestRepos.commit(origin.git(), "next", Map.of("apps/web/deployment.yaml", "kind: Deployment\n# v2\n"));
    assertThat(cache.resolve(url, "main").commitSha()).isEqualTo(origin.c4());

    FetchResult result = cache.fetch(url, GitCredentials.NONE, ALWAYS, false);

    assertThat(result.fetched()).isTrue();
    assertThat(cache.resolve(url, "main").commitSha()).isEqualTo(next.name());
    assertThat(cache.resolve(url, "HEAD").commitSha()).isEqualTo(next.name());
  }

  @Test
  void deletedBranchesAndTagsArePruned() throws Exception {
    origin.git().branchDelete().setBranchNames("feature").setForce(true).call();
    origin.git().tagDelete().setTags("v2.0.0").call();

    cache.fetch(url, GitCredentials.NONE, ALWAYS, false);

    assertThatThrownBy(() -> cache.resolve(url, "feature")).isInstanceOf(SourceException.class);
    assertThat(cache.resolve(url, "*").ref()).isEqualTo("refs/tags/v1.3.5");
  }

  @Test
  void movedTagIsUpdated() throws Exception {
    origin.git().tag().setName("v1.2.0").setObjectId(parse(origin.c3())).setForceUpdate(true).call();
    cache.fetch(url, GitCredentials.NONE, ALWAYS, false);
    assertThat(cache.resolve(url, "v1.2.0").commitSha()).isEqualTo(origin.c3());
  }

  @Test
  void headFollowsTheRemoteDefaultBranch() throws Exception {
    origin.git().checkout().setName("feature").call();
    cache.fetch(url, GitCredentials.NONE, ALWAYS, false);
    assertThat(cache.resolve(url, "")).isEqualTo(new ResolvedRevision(origin.feature(), "refs/heads/feature"));
  }

  @Test
  void readsEveryFileUnderPathInSortedOrder() throws Exception {
    SourceTree tree = cache.read(url, origin.c4(), "apps/web");

    assertThat(tree.commitSha()).isEqualTo(origin.c4());
    assertThat(tree.path()).isEqualTo("apps/web");
    assertThat(tree.treeId()).matches("[0-9a-f]{40}");
    assertThat(tree.files().keySet())
        .containsExactly("config/app.properties", "config/nested/deeper.txt", "deployment.yaml");
    assertThat(new String(tree.files().get("config/app.properties"), UTF_8)).isEqualTo("color=blue\n");

    SourceTree root = cache.read(url, origin.c4(), "");
    assertThat(root.files()).containsKeys("README.md", "apps/api/service.yaml", "apps/web/deployment.yaml");
    assertThat(cache.read(url, origin.c4(), "/").treeId()).isEqualTo(root.treeId());
    assertThat(cache.read(url, origin.c4(), "./apps/web/").treeId()).isEqualTo(tree.treeId());
  }

  @Test
  void treeIdIsStableAcrossCommitsThatTouchOtherPaths() throws Exception {
    SourceTree webBefore = cache.read(url, origin.c1(), "apps/web");
    SourceTree apiBefore = cache.read(url, origin.c1(), "apps/api");

    // c2 changed only apps/api.
    SourceTree webAfter = cache.read(url, origin.c2(), "apps/web");
    SourceTree apiAfter = cache.read(url, origin.c2(), "apps/api");

    assertThat(webAfter.treeId()).isEqualTo(webBefore.treeId());
    assertThat(apiAfter.treeId()).isNotEqualTo(apiBefore.treeId());
  }

  @Test
  void missingPathAndUnknownCommitFail() {
    assertThatThrownBy(() -> cache.read(url, origin.c1(), "apps/nope"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("apps/nope")
        .hasMessageContaining(origin.c1());
    // feature.yaml exists only on the feature branch, not at c4.
    assertThatThrownBy(() -> cache.read(url, origin.c4(), "apps/web/feature.yaml"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("apps/web/feature.yaml");
    assertThatThrownBy(() -> cache.read(url, origin.c1(), "README.md"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> cache.read(url, "1111111111111111111111111111111111111111", ""))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("commit 1111111111111111111111111111111111111111 not found");
    assertThatThrownBy(() -> cache.read(url, "main", ""))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("not a full commit id");
    assertThatThrownBy(() -> cache.read(url, origin.c1(), "apps/../etc"))
        .isInstanceOf(SourceException.class);
  }

  @Test
  void fetchesAtMostOncePerIntervalHoweverManyCallers() throws Exception {
    long before = cache.fetchCount(url);
    clock.advance(Duration.ofHours(1));
    Duration interval = Duration.ofMinutes(3);
    int callers = 10;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<FetchResult>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.fetch(url, GitCredentials.NONE, interval, false);
                }));
      }
      start.countDown();
      int fetched = 0;
      for (Future<FetchResult> result : results) {
        if (result.get(60, TimeUnit.SECONDS).fetched()) {
          fetched++;
        }
      }
      assertThat(fetched).isEqualTo(1);
      assertThat(cache.fetchCount(url)).isEqualTo(before + 1);
    } finally {
      pool.shutdownNow();
    }

    FetchResult skipped = cache.fetch(url, GitCredentials.NONE, interval, false);
    assertThat(skipped.fetched()).isFalse();
    assertThat(skipped.lastFetchedAt()).isEqualTo(clock.instant());
    assertThat(cache.fetchCount(url)).isEqualTo(before + 1);

    assertThat(cache.fetch(url, GitCredentials.NONE, interval, true).fetched()).isTrue();
    assertThat(cache.fetchCount(url)).isEqualTo(before + 2);

    clock.advance(interval);
    assertThat(cache.fetch(url, GitCredentials.NONE, interval, false).fetched()).isTrue();
    assertThat(cache.fetchCount(url)).isEqualTo(before + 3);
  }

  @Test
  void failedFetchIsNotRetriedWithinInterval() throws Exception {
    String missing = tmp.resolve("does-not-exist").toUri().toString();
    Duration interval = Duration.ofMinutes(3);
    assertThatThrownBy(() -> cache.fetch(missing, GitCredentials.NONE, interval, false))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("fetch of " + missing + " failed");
    assertThatThrownBy(() -> cache.fetch(missing, GitCredentials.NONE, interval, false))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("fetch of " + missing + " failed");
    assertThat(cache.fetchCount(missing)).isEqualTo(1);
    assertThatThrownBy(() -> cache.fetch(missing, GitCredentials.NONE, interval, true))
        .isInstanceOf(SourceException.class);
    assertThat(cache.fetchCount(missing)).isEqualTo(2);
    // A failed first clone leaves nothing to read.
    assertThatThrownBy(() -> cache.resolve(missing, "main"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("has not been fetched yet");
  }

  @Test
  void plainPathAndFileUrlShareOneClone() throws Exception {
    String plain = tmp.resolve("origin").toString();
    long before = cache.fetchCount(url);
    cache.fetch(plain + "/", GitCredentials.NONE, ALWAYS, false);
    assertThat(cache.fetchCount(url)).isEqualTo(before + 1);
    assertThat(cache.resolve(plain, "v1.3.5").commitSha()).isEqualTo(origin.c3());
  }

  @Test
  void cloneOnDiskIsReusedByANewCacheInstance() throws Exception {
    cache.close();
    cache = new GitSourceCache(tmp.resolve("cache"));
    // Readable before any fetch in this instance, then fetches normally.
    assertThat(cache.resolve(url, "main").commitSha()).isEqualTo(origin.c4());
    assertThat(cache.fetch(url, GitCredentials.NONE, Duration.ofHours(1), false).fetched()).isTrue();
    assertThat(cache.fetchCount(url)).isEqualTo(1);
  }

  @Test
  void readBeforeAnyFetchFails() {
    String other = tmp.resolve("never-fetched").toUri().toString();
    assertThatThrownBy(() -> cache.resolve(other, "main"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("has not been fetched yet");
  }

  @Test
  void sshUrlWithoutKeyIsRefusedBeforeConnecting() {
    assertThatThrownBy(() -> cache.fetch("git@example.invalid:org/repo.git", GitCredentials.NONE, ALWAYS, false))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("SSH private key");
  }

  private RevObject parse(String sha) throws Exception {
    try (RevWalk walk = new RevWalk(origin.git().getRepository())) {
      return walk.parseCommit(ObjectId.fromString(sha));
    }
  }
}
