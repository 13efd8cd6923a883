package dev.keelson.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers do not take the per-URL lock, so they must keep working while fetches add packs,
 * move refs and, past the pack threshold, repack the clone.
 */
class ConcurrentReadTest {

  @TempDir Path tmp;

  @Test
  void readsStayConsistentWhileFetchingAndRepacking() throws Exception {
    try (TestRepos.Fixture origin = TestRepos.standard(tmp.resolve("origin"));
        GitSourceCache cache = new GitSourceCache(tmp.resolve("cache"))) {
      String url = tmp.resolve("origin").toString();
      cache.fetch(url, GitCredentials.NONE, Duration.ZERO, false);
      String stableTree = cache.read(url, origin.c4(), "apps/web").treeId();
      Path clone;
      try (Stream<Path> dirs = Files.list(tmp.resolve("cache"))) {
        clone = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
      }
      assertThat(bitmaps(clone)).isZero();

      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger reads = new AtomicInteger();
      ExecutorService readers = Executors.newFixedThreadPool(3);
      List<Future<?>> results = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          results.add(
              readers.submit(
                  () -> {
                    while (!done.get()) {
                      ResolvedRevision head = cache.resolve(url, "main");
                      SourceTree tree = cache.read(url, head.commitSha(), "apps/web");
                      // Commits below only touch apps/api, so apps/web never changes.
                      assertThat(tree.treeId()).isEqualTo(stableTree);
                      assertThat(cache.read(url, origin.c1(), "").files()).hasSize(5);
                      reads.incrementAndGet();
                    }
                    return null;
                  }));
        }
        String last = null;
        for (int i = 0; i < 45; i++) {
          last = TestRepos.commit(origin.git(), "change " + i, Map.of("apps/api/n.txt", "n" + i)).name();
          cache.fetch(url, GitCredentials.NONE, Duration.ZERO, false);
        }
        done.set(true);
        for (Future<?> result : results) {
          result.get(60, TimeUnit.SECONDS);
        }
        assertThat(reads.get()).isPositive();
        assertThat(cache.resolve(url, "main").commitSha()).isEqualTo(last);
      } finally {
        done.set(true);
        readers.shutdownNow();
      }

      // 45 fetches with new objects crossed the repack threshold; only gc writes bitmaps.
      assertThat(bitmaps(clone)).isPositive();
    }
  }

  private static long bitmaps(Path clone) throws java.io.IOException {
    try (Stream<Path> files = Files.list(clone.resolve("objects/pack"))) {
      return files.filter(p -> p.toString().endsWith(".bitmap")).count();
    }
  }
}
