package dev.keelson.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories written to hurt: a 1 GiB blob, files too large to be manifests, symlinks pointing
 * out of the repository. Sizes are refused from the object database before anything is read.
 */
@Timeout(300)
class HostileRepositoryTest {
  private static final PersonIdent AUTHOR =
      new PersonIdent("Test", "test@example.com", Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  private Git origin;
  private String url;
  private GitSourceCache cache;

  @BeforeEach
  void setUp() throws Exception {
    origin = TestRepos.init(tmp.resolve("origin"));
    url = tmp.resolve("origin").toUri().toString();
    cache = new GitSourceCache(tmp.resolve("cache"), new TestRepos.MutableClock(), Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    cache.close();
    origin.close();
  }

  /** An entry of a tree being built: a blob of the given size of zeros, small text, or a symlink. */
  private sealed interface Entry {
    record Zeros(long size) implements Entry {}
    record Text(String content) implements Entry {}
    record Symlink(String target) implements Entry {}
  }

  /** Commits the entries (paths with one directory level at most) on main, without a work tree. */
  private String commit(Map<String, Entry> entries) throws Exception {
    try (ObjectInserter inserter = origin.getRepository().newObjectInserter()) {
      Map<String, Map<String, Object[]>> byDir = new TreeMap<>();
      for (var e : entries.entrySet()) {
        int slash = e.getKey().lastIndexOf('/');
        String dir = slash < 0 ? "" : e.getKey().substring(0, slash);
        String name = e.getKey().substring(slash + 1);
        ObjectId id;
        FileMode mode = FileMode.REGULAR_FILE;
        if (e.getValue() instanceof Entry.Zeros z) {
          id = inserter.insert(Constants.OBJ_BLOB, z.size(), zeros(z.size()));
        } else if (e.getValue() instanceof Entry.Text t) {
          id = inserter.insert(Constants.OBJ_BLOB, t.content().getBytes(UTF_8));
        } else {
          id = inserter.insert(Constants.OBJ_BLOB, ((Entry.Symlink) e.getValue()).target().getBytes(UTF_8));
          mode = FileMode.SYMLINK;
        }
        byDir.computeIfAbsent(dir, d -> new TreeMap<>()).put(name, new Object[] {mode, id});
      }
      TreeFormatter root = new TreeFormatter();
      Map<String, Object[]> rootEntries = new TreeMap<>(byDir.getOrDefault("", Map.of()));
      for (var d : byDir.entrySet()) {
        if (d.getKey().isEmpty()) continue;
        TreeFormatter sub = new TreeFormatter();
        d.getValue().forEach((name, me) -> sub.append(name, (FileMode) me[0], (ObjectId) me[1]));
        rootEntries.put(d.getKey(), new Object[] {FileMode.TREE, inserter.insert(sub)});
      }
      rootEntries.forEach((name, me) -> root.append(name, (FileMode) me[0], (ObjectId) me[1]));
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(root));
      commit.setAuthor(AUTHOR);
      commit.setCommitter(AUTHOR);
      commit.setMessage("hostile\n");
      ObjectId commitId = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = origin.getRepository().updateRef("refs/heads/main");
      update.setNewObjectId(commitId);
      update.forceUpdate();
      return commitId.name();
    }
  }

  private static InputStream zeros(long size) {
    return new InputStream() {
      private long left = size;

      @Override
      public int read() {
        if (left == 0) return -1;
        left--;
        return 0;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) return -1;
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 0);
        left -= n;
        return n;
      }
    };
  }

  @Test
  void aOneGibibyteBlobIsFetchedButNeverRead() throws Exception {
    String sha = commit(Map.of(
        "apps/web.yaml", new Entry.Text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n"),
        "assets/huge.bin", new Entry.Zeros(1L << 30)));
    cache.fetch(url, GitCredentials.NONE, Duration.ZERO, false);

    assertThat(cache.read(url, sha, "apps").files()).containsOnlyKeys("web.yaml");
    assertThatThrownBy(() -> cache.read(url, sha, ""))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("assets/huge.bin is 1024.0 MiB")
        .hasMessageContaining("files over 32.0 MiB are not read");
  }

  @Test
  void aPathWhoseFilesTogetherAreTooLargeIsRefused() throws Exception {
    String sha = commit(Map.of(
        "apps/a.bin", new Entry.Zeros(30L << 20), "apps/b.bin", new Entry.Zeros(30L << 20),
        "apps/c.bin", new Entry.Zeros(30L << 20), "apps/d.bin", new Entry.Zeros(30L << 20),
        "apps/e.bin", new Entry.Zeros(30L << 20)));
    cache.fetch(url, GitCredentials.NONE, Duration.ZERO, false);

    assertThatThrownBy(() -> cache.read(url, sha, "apps"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("the files under apps come to more than 128.0 MiB")
        .hasMessageContaining("apps/e.bin");
  }

  @Test
  void symlinksAreNeverFollowedNorRead() throws Exception {
    String sha = commit(Map.of(
        "apps/web.yaml", new Entry.Text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n"),
        "apps/passwd.yaml", new Entry.Symlink("/etc/passwd"),
        "apps/up.yaml", new Entry.Symlink("../../../../etc/shadow")));
    cache.fetch(url, GitCredentials.NONE, Duration.ZERO, false);

    assertThat(cache.read(url, sha, "apps").files()).containsOnlyKeys("web.yaml");
  }
}
