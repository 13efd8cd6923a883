package dev.keelson.source;

import dev.keelson.io.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.net.URISyntaxException;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared bare clone per repository under a cache directory, fetched on demand and read
 * straight from the object database.
 *
 * <p>Many Applications point at the same repository and reconcile concurrently, so each
 * normalized URL gets one lock that serializes its network fetches, and a fetch is skipped when
 * another caller fetched within {@code minInterval}. Reads ({@link #resolve}, {@link #read}) do
 * not take the lock: JGit repositories support concurrent readers while a fetch adds packs and
 * updates refs.
 *
 * <p>The remote URL is passed to every fetch rather than stored in the clone's config, so URLs
 * with embedded credentials are never written to disk, and each caller's own URL spelling is
 * what gets contacted.
 *
 * <p>Use one instance per cache directory; two instances over the same directory would not see
 * each other's locks.
 */
public final class GitSourceCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GitSourceCache.class);

  private static final List<RefSpec> REF_SPECS =
      List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

  /** Every fetch that brings new objects adds a pack; past this many, reads slow down. */
  private static final int GC_PACK_THRESHOLD = 40;

  /**
   * JGit's gc keeps the replaced packs for an hour (gc.prunePackExpire) so that concurrent
   * readers never lose a pack under them; repacking again before then would not reduce the
   * pack count and only burn CPU.
   */
  private static final Duration GC_MIN_INTERVAL = Duration.ofHours(1);

  private static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofMinutes(2);

  private final Path cacheDir;
  private final Clock clock;
  private final int timeoutSeconds;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  public GitSourceCache(Path cacheDir) {
    this(cacheDir, Clock.systemUTC(), DEFAULT_NETWORK_TIMEOUT);
  }

  /**
   * @param clock decides when {@code minInterval} has elapsed (tests can move it)
   * @param networkTimeout limit for each network read of a fetch
   */
  public GitSourceCache(Path cacheDir, Clock clock, Duration networkTimeout) {
    this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeoutSeconds = (int) Math.max(1, networkTimeout.toSeconds());
  }

  /**
   * Clones the repository on first use, fetches it otherwise: all branches and tags, pruning
   * refs deleted on the remote, and following the remote's default branch. Skips the network
   * when the last successful fetch of this URL is younger than {@code minInterval}, unless
   * {@code force}. A failed fetch is likewise not retried within {@code minInterval} for the same
   * credentials (the failure is rethrown), so a broken remote is not hammered by every
   * Application that uses it.
   */
  public FetchResult fetch(String url, GitCredentials credentials, Duration minInterval, boolean force)
      throws SourceException {
    GitCredentials creds = credentials == null ? GitCredentials.NONE : credentials;
    Duration interval = minInterval == null ? Duration.ZERO : minInterval;
    Entry entry = entry(url);
    if (entry.local) {
      return new FetchResult(false, clock.instant());
    }
    lock(entry);
    try {
      Instant now = clock.instant();
      long invalidation = entry.invalidations.get();
      boolean current = entry.fetchedAtInvalidation == invalidation;
      if (!force && current && entry.lastFetchedAt != null && now.isBefore(entry.lastFetchedAt.plus(interval))) {
        return new FetchResult(false, entry.lastFetchedAt);
      }
      if (!force && current
          && entry.lastFailedAt != null
          && creds.equals(entry.failedWith)
          && now.isBefore(entry.lastFailedAt.plus(interval))) {
        throw new SourceException(entry.failure + " (at " + entry.lastFailedAt + ")");
      }
      entry.fetches.incrementAndGet();
      try {
        fetchNow(entry, url.strip(), creds);
      } catch (SourceException e) {
        entry.lastFailedAt = clock.instant();
        entry.failedWith = creds;
        entry.failure = e.getMessage();
        throw e;
      }
      entry.lastFetchedAt = clock.instant();
      // a push announced while this fetch ran may not be in it: the next caller fetches again
      entry.fetchedAtInvalidation = invalidation;
      entry.lastFailedAt = null;
      entry.failedWith = null;
      entry.failure = null;
      return new FetchResult(true, entry.lastFetchedAt);
    } finally {
      entry.lock.unlock();
    }
  }

  /**
   * The remote has changed (a webhook announced a push): the next {@link #fetch} of this URL goes
   * to the network whatever its interval, once, however many callers ask at the same time.
   */
  public void invalidate(String url) {
    if (url == null || url.isBlank()) return;
    // a repository not cloned yet has nothing to invalidate: its first fetch is a clone anyway
    Entry entry = entries.get(Urls.normalize(url));
    if (entry != null) entry.invalidations.incrementAndGet();
  }

  /**
   * Makes an existing repository (a local checkout's {@code .git}) stand in for {@code url}: its
   * reads come from there and fetching it does nothing, so commits that exist only in the
   * checkout (a pull request's head, a detached HEAD) can be read as the remote's. Nothing is
   * written into that repository.
   */
  public void standIn(String url, Path gitDir) throws SourceException {
    if (url == null || url.isBlank()) {
      throw new SourceException("repository URL is empty");
    }
    Repository repo;
    try {
      repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    } catch (IOException | IllegalArgumentException e) {
      throw new SourceException("cannot open the repository " + gitDir, e);
    }
    Entry entry = new Entry(Urls.redact(url.strip()), gitDir, true);
    entry.repo = repo;
    Entry old = entries.put(Urls.normalize(url), entry);
    if (old != null && old.repo != null) {
      old.repo.close();
    }
  }

  /** Network fetches attempted for this URL (including the initial clone and failures). */
  public long fetchCount(String url) {
    Entry entry = entries.get(Urls.normalize(url));
    return entry == null ? 0 : entry.fetches.get();
  }

  /**
   * Resolves a revision against the last fetched state: empty or {@code HEAD} is the remote's
   * default branch; then an exact branch, an exact tag (peeled to its commit), a full or unique
   * abbreviated (7+ hex) commit id, and finally a semver range over tags named {@code X.Y.Z} or
   * {@code vX.Y.Z} ({@code >=1.2.0 <2.0.0}, {@code ^1.2}, {@code >=1.2, <2}), taking the highest.
   */
  public ResolvedRevision resolve(String url, String revision) throws SourceException {
    Entry entry = entry(url);
    Repository repo = repository(entry);
    try {
      return new RevisionResolver(repo, entry.redactedUrl).resolve(revision);
    } catch (IOException e) {
      throw new SourceException("cannot resolve " + revision + " in " + entry.redactedUrl, e);
    }
  }

  /**
   * The Git tree id of a directory at a commit: equal ids mean identical contents, so a caller
   * can tell that nothing changed without reading a file.
   */
  public String treeId(String url, String commitSha, String path) throws SourceException {
    Entry entry = entry(url);
    Repository repo = repository(entry);
    try {
      return new TreeReader(repo, entry.redactedUrl).treeId(commitSha, path);
    } catch (IOException e) {
      throw new SourceException(
          "cannot read " + path + " at " + commitSha + " in " + entry.redactedUrl, e);
    }
  }

  /** Reads every file under {@code path} at {@code commitSha}; see {@link SourceTree}. */
  public SourceTree read(String url, String commitSha, String path) throws SourceException {
    Entry entry = entry(url);
    Repository repo = repository(entry);
    try {
      return new TreeReader(repo, entry.redactedUrl).read(commitSha, path);
    } catch (IOException e) {
      throw new SourceException(
          "cannot read " + path + " at " + commitSha + " in " + entry.redactedUrl, e);
    }
  }

  /** Closes the clones and removes per-URL SSH material; the clones stay on disk for reuse. */
  @Override
  public void close() {
    for (Entry entry : entries.values()) {
      entry.lock.lock();
      try {
        if (entry.repo != null) {
          entry.repo.close();
          entry.repo = null;
        }
        if (entry.ssh != null) {
          entry.ssh.close();
          entry.ssh = null;
        }
      } finally {
        entry.lock.unlock();
      }
    }
    entries.clear();
  }

  private Entry entry(String url) throws SourceException {
    if (url == null || url.isBlank()) {
      throw new SourceException("repository URL is empty");
    }
    String key = Urls.normalize(url);
    return entries.computeIfAbsent(
        key, k -> new Entry(Urls.redact(url.strip()), cacheDir.resolve(Urls.directoryName(k)), false));
  }

  private static void lock(Entry entry) throws SourceException {
    try {
      entry.lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while waiting to fetch " + entry.redactedUrl);
    }
  }

  /** The clone for reads; opens one left on disk by an earlier process if needed. */
  private Repository repository(Entry entry) throws SourceException {
    Repository repo = entry.repo;
    if (repo != null) {
      return repo;
    }
    lock(entry);
    try {
      if (entry.repo == null && isRepository(entry.dir)) {
        entry.repo = open(entry.dir);
      }
      if (entry.repo == null) {
        throw new SourceException(entry.redactedUrl + " has not been fetched yet");
      }
      return entry.repo;
    } catch (IOException e) {
      throw new SourceException("cannot open the clone of " + entry.redactedUrl, e);
    } finally {
      entry.lock.unlock();
    }
  }

  /** Called with the entry's lock held. */
  private void fetchNow(Entry entry, String url, GitCredentials creds) throws SourceException {
    Redactor redactor = Redactor.forCredentials(creds);
    long started = System.nanoTime();
    Path staging = null;
    try {
      if (entry.repo == null && isRepository(entry.dir)) {
        entry.repo = open(entry.dir);
      }
      if (entry.repo == null) {
        // Clone into a staging directory and move it into place only when complete, so an
        // interrupted first clone never leaves a half-filled repository behind.
        Files.createDirectories(cacheDir);
        Directories.deleteRecursively(entry.dir);
        staging = cacheDir.resolve(".staging-" + entry.dir.getFileName() + "-" + UUID.randomUUID());
        try (Git git = Git.init().setBare(true).setDirectory(staging.toFile()).call()) {
          noAutomaticGc(git.getRepository());
          fetchInto(git, entry, url, creds);
        }
        Files.move(staging, entry.dir, StandardCopyOption.ATOMIC_MOVE);
        staging = null;
        entry.repo = open(entry.dir);
        LOG.info("cloned {} in {} ms", entry.redactedUrl, elapsedMillis(started));
      } else {
        try (Git git = Git.wrap(entry.repo)) {
          fetchInto(git, entry, url, creds);
          maybeCollectGarbage(git, entry);
        }
        LOG.debug("fetched {} in {} ms", entry.redactedUrl, elapsedMillis(started));
      }
    } catch (GitAPIException | JGitInternalException | IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      SourceException failure =
          new SourceException("fetch of " + Urls.redact(url) + " failed: " + reason, e, redactor);
      LOG.warn("{}", failure.getMessage());
      throw failure;
    } finally {
      if (staging != null) {
        try {
          Directories.deleteRecursively(staging);
        } catch (IOException e) {
          LOG.warn("cannot remove staging directory {}: {}", staging, e.toString());
        }
      }
    }
  }

  private void fetchInto(Git git, Entry entry, String url, GitCredentials creds)
      throws GitAPIException, IOException, SourceException {
    FetchCommand fetch =
        git.fetch()
            .setRemote(url)
            .setRefSpecs(REF_SPECS)
            .setRemoveDeletedRefs(true)
            .setTagOpt(TagOpt.NO_TAGS)
            .setTimeout(timeoutSeconds);
    applyCredentials(fetch, entry, url, creds);
    org.eclipse.jgit.transport.FetchResult result = fetch.call();
    RemoteHead.follow(git.getRepository(), result.getAdvertisedRef(Constants.HEAD));
  }

  private void applyCredentials(FetchCommand fetch, Entry entry, String url, GitCredentials creds)
      throws IOException, SourceException {
    TransportSetup setup = transportSetup(entry, url, creds);
    if (setup.callback() != null) fetch.setTransportConfigCallback(setup.callback());
    if (setup.credentials() != null) fetch.setCredentialsProvider(setup.credentials());
  }

  /** How a transport to {@code url} authenticates: an SSH session factory, or HTTP credentials. */
  private record TransportSetup(TransportConfigCallback callback, CredentialsProvider credentials) {
    void configure(Transport transport) {
      if (callback != null) callback.configure(transport);
      if (credentials != null) transport.setCredentialsProvider(credentials);
    }
  }

  /** Called with the entry's lock held (the SSH session is kept in the entry). */
  private TransportSetup transportSetup(Entry entry, String url, GitCredentials creds)
      throws IOException, SourceException {
    if (Urls.isSsh(url)) {
      if (!(creds instanceof GitCredentials.SshKey key)) {
        // Without this, JGit's default SSH setup would read the process user's ~/.ssh.
        throw new SourceException(
            entry.redactedUrl + " is an SSH URL: its credentials need an SSH private key");
      }
      if (entry.ssh == null || !entry.ssh.isFor(key)) {
        if (entry.ssh != null) {
          entry.ssh.close();
        }
        entry.ssh = null;
        entry.ssh = SshKeySession.create(key);
      }
      SshKeySession ssh = entry.ssh;
      return new TransportSetup(
          transport -> {
            if (transport instanceof SshTransport sshTransport) {
              sshTransport.setSshSessionFactory(ssh.factory());
            }
          },
          null);
    }
    if (creds instanceof GitCredentials.Basic basic) {
      return new TransportSetup(null, new UsernamePasswordCredentialsProvider(basic.username(), basic.password()));
    } else if (creds instanceof GitCredentials.Token token) {
      return new TransportSetup(null, new UsernamePasswordCredentialsProvider(token.effectiveUsername(), token.token()));
    }
    return new TransportSetup(null, null);
  }

  /**
   * Writes a commit of {@code request}'s files on top of its base commit into this clone and
   * pushes it to {@code url}: with the same clone, credentials and SSH session as fetches, so a
   * repository an app can read with its credentials is written with them too. Nothing is checked
   * out; the new blobs, tree and commit go straight into the object database.
   *
   * <p>The push only succeeds if the remote branch is still where this clone last saw it
   * ({@code expectedRemote}): a branch that moved on in between is refused like any other
   * refusal ({@link PushRefusedException}), and the caller starts again from a new fetch.
   *
   * @throws PushRefusedException when the remote refused the update, with its reason
   */
  public PushOutcome commitAndPush(String url, GitCredentials credentials, CommitRequest request)
      throws SourceException {
    GitCredentials creds = credentials == null ? GitCredentials.NONE : credentials;
    Entry entry = entry(url);
    if (entry.local) throw new SourceException(entry.redactedUrl + " is a local stand-in: nothing is pushed from it");
    Redactor redactor = Redactor.forCredentials(creds);
    lock(entry);
    try {
      Repository repo = entry.repo != null ? entry.repo : isRepository(entry.dir) ? (entry.repo = open(entry.dir)) : null;
      if (repo == null) throw new SourceException(entry.redactedUrl + " has not been fetched yet");
      ObjectId commit = Committer.commit(repo, request, clock);
      String target = Constants.R_HEADS + request.branch();
      RemoteRefUpdate update = new RemoteRefUpdate(repo, commit.name(), target, request.force(), null,
          request.expectedRemote() == null ? ObjectId.zeroId() : ObjectId.fromString(request.expectedRemote()));
      TransportSetup setup = transportSetup(entry, url.strip(), creds);
      try (Transport transport = Transport.open(repo, new URIish(url.strip()))) {
        setup.configure(transport);
        transport.setTimeout(timeoutSeconds);
        PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
        RemoteRefUpdate done = result.getRemoteUpdate(target);
        RemoteRefUpdate.Status status = done == null ? update.getStatus() : done.getStatus();
        switch (status) {
          case OK, UP_TO_DATE -> { }
          default -> throw PushRefusedException.of(entry.redactedUrl, request.branch(), status,
              done == null ? null : done.getMessage(), redactor);
        }
      }
      // the branch is where it was pushed: the clone shows it at once, and the next fetch
      // confirms it (invalidated so that apps reading this repository look now)
      RefUpdate local = repo.updateRef(target);
      local.setNewObjectId(commit);
      local.setForceUpdate(true);
      local.update();
      entry.invalidations.incrementAndGet();
      LOG.info("pushed {} to {} of {}", commit.name(), request.branch(), entry.redactedUrl);
      return new PushOutcome(commit.name(), request.branch());
    } catch (URISyntaxException e) {
      throw new SourceException("not a Git URL: " + Urls.redact(url));
    } catch (TransportException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new PushRefusedException("push to " + Urls.redact(url) + " failed: " + reason, e, redactor,
          PushRefusedException.Reason.TRANSPORT);
    } catch (IOException e) {
      throw new SourceException("commit to " + entry.redactedUrl + " failed: " + e.getMessage(), e, redactor);
    } finally {
      entry.lock.unlock();
    }
  }

  private void maybeCollectGarbage(Git git, Entry entry) {
    Instant now = clock.instant();
    if (entry.lastGcAt != null && now.isBefore(entry.lastGcAt.plus(GC_MIN_INTERVAL))) {
      return;
    }
    Path packDir = entry.dir.resolve("objects").resolve("pack");
    long packs;
    try (Stream<Path> files = Files.list(packDir)) {
      packs = files.filter(p -> p.getFileName().toString().endsWith(".pack")).count();
    } catch (IOException e) {
      return;
    }
    if (packs <= GC_PACK_THRESHOLD) {
      return;
    }
    entry.lastGcAt = now;
    try {
      git.gc().call();
      LOG.info("repacked {} ({} packs)", entry.redactedUrl, packs);
    } catch (GitAPIException | JGitInternalException e) {
      // The clone stays usable with many packs; the next fetch tries again.
      LOG.warn("repacking {} failed: {}", entry.redactedUrl, Urls.redact(e.getMessage()));
    }
  }

  private static boolean isRepository(Path dir) {
    return Files.isDirectory(dir) && RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED);
  }

  /**
   * JGit collects garbage by itself after a fetch, in the background. In a staging clone that is
   * moved into place right after, its lock file vanishes under it and JGit logs an error with a
   * stack trace; the cache repacks on its own schedule anyway ({@code maybeCollectGarbage}).
   */
  private static void noAutomaticGc(Repository repo) throws IOException {
    var config = repo.getConfig();
    config.setInt("gc", null, "auto", 0);
    // JGit takes the gc log's lock even when there is nothing to collect: not in the background
    config.setBoolean("gc", null, "autoDetach", false);
    config.save();
  }

  private static Repository open(Path dir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /** State of one repository URL. Fields without volatile are guarded by {@link #lock}. */
  private static final class Entry {
    final String redactedUrl;
    final Path dir;
    /** A stand-in repository ({@link #standIn}): never fetched. */
    final boolean local;
    final ReentrantLock lock = new ReentrantLock();
    final AtomicLong fetches = new AtomicLong();
    /** Announced changes of the remote ({@link #invalidate}); a fetch is current when it began after the last. */
    final AtomicLong invalidations = new AtomicLong();
    /** The invalidation count when the last successful fetch began (guarded by lock). */
    long fetchedAtInvalidation;
    volatile Repository repo;
    volatile Instant lastFetchedAt;
    Instant lastFailedAt;
    Instant lastGcAt;
    GitCredentials failedWith;
    String failure;
    SshKeySession ssh;

    Entry(String redactedUrl, Path dir, boolean local) {
      this.redactedUrl = redactedUrl;
      this.dir = dir;
      this.local = local;
    }
  }
}
