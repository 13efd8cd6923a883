package dev.keelson.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.FileResolver;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Commits written into the cache's clone and pushed over smart HTTP to a real Git server. */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class GitPushTest {
  static final GitCredentials CREDS = new GitCredentials.Basic("writer", "push-Passw0rd");

  @TempDir Path tmp;
  Server server;
  Repository origin;
  GitSourceCache cache;
  String url;

  @BeforeEach
  void setUp() throws Exception {
    try (TestRepos.Fixture f = TestRepos.standard(tmp.resolve("work"))) {
      Git.cloneRepository().setURI(tmp.resolve("work").toUri().toString()).setBare(true)
          .setDirectory(tmp.resolve("repos/app.git").toFile()).setCloneAllBranches(true).call().close();
    }
    origin = Git.open(tmp.resolve("repos/app.git").toFile()).getRepository();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/git");
    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new FileResolver<>(tmp.resolve("repos").toFile(), true));
    git.setReceivePackFactory((req, db) -> {
      ReceivePack rp = new ReceivePack(db);
      // a protected branch, as Git hosts refuse them
      rp.setPreReceiveHook((pack, commands) -> {
        for (ReceiveCommand c : commands) {
          if (c.getRefName().equals("refs/heads/protected")) {
            c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "protected branch");
          }
        }
      });
      return rp;
    });
    context.addServlet(new ServletHolder(git), "/*");
    String expected = "Basic " + Base64.getEncoder().encodeToString("writer:push-Passw0rd".getBytes(StandardCharsets.UTF_8));
    context.addFilter(new FilterHolder((Filter) (req, res, chain) -> {
      if (!expected.equals(((HttpServletRequest) req).getHeader("Authorization"))) {
        ((HttpServletResponse) res).setHeader("WWW-Authenticate", "Basic realm=\"git\"");
        ((HttpServletResponse) res).sendError(401);
        return;
      }
      chain.doFilter(req, res);
    }), "/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    url = "http://127.0.0.1:" + connector.getLocalPort() + "/git/app.git";
    cache = new GitSourceCache(tmp.resolve("cache"));
    cache.fetch(url, CREDS, Duration.ZERO, true);
  }

  @AfterEach
  void tearDown() throws Exception {
    cache.close();
    origin.close();
    server.stop();
  }

  String file(String commit, String path) throws Exception {
    try (RevWalk walk = new RevWalk(origin)) {
      RevCommit c = walk.parseCommit(origin.resolve(commit));
      try (TreeWalk tw = TreeWalk.forPath(origin, path, c.getTree())) {
        return tw == null ? null : new String(origin.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void aCommitOnTopOfTheBranchIsPushedAndTheCloneShowsIt() throws Exception {
    String base = cache.resolve(url, "main").commitSha();
    PushOutcome out = cache.commitAndPush(url, CREDS, new CommitRequest(base,
        Map.of("apps/web/deployment.yaml", "kind: Deployment\n# new\n".getBytes(StandardCharsets.UTF_8)),
        "Update web", "Image Bot", "bot@keelson.dev", "main", base, false));
    assertThat(origin.resolve("refs/heads/main").name()).isEqualTo(out.commitSha());
    assertThat(file("main", "apps/web/deployment.yaml")).isEqualTo("kind: Deployment\n# new\n");
    assertThat(file("main", "README.md")).isEqualTo("hello\n");
    try (RevWalk walk = new RevWalk(origin)) {
      RevCommit c = walk.parseCommit(origin.resolve("main"));
      assertThat(c.getParent(0).name()).isEqualTo(base);
      assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("bot@keelson.dev");
      assertThat(c.getFullMessage()).isEqualTo("Update web\n");
    }
    assertThat(cache.resolve(url, "main").commitSha()).isEqualTo(out.commitSha());
  }

  @Test
  void aBranchThatMovedOnIsRefusedAsNotAFastForward() throws Exception {
    String base = cache.resolve(url, "main").commitSha();
    cache.commitAndPush(url, CREDS, new CommitRequest(base, Map.of("x.txt", "1".getBytes()), "one", null,
        "bot@keelson.dev", "main", base, false));
    // a second writer still on the old base
    assertThatThrownBy(() -> cache.commitAndPush(url, CREDS, new CommitRequest(base, Map.of("x.txt", "2".getBytes()),
        "two", null, "bot@keelson.dev", "main", base, false)))
        .isInstanceOf(PushRefusedException.class)
        .satisfies(e -> assertThat(((PushRefusedException) e).reason()).isEqualTo(PushRefusedException.Reason.NOT_FAST_FORWARD))
        .hasMessageContaining("branch main");
  }

  @Test
  void theServersRefusalIsReportedWithItsReason() throws Exception {
    String base = cache.resolve(url, "main").commitSha();
    assertThatThrownBy(() -> cache.commitAndPush(url, CREDS, new CommitRequest(base, Map.of("x.txt", "1".getBytes()),
        "one", null, "bot@keelson.dev", "protected", null, false)))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("protected branch")
        .satisfies(e -> assertThat(((PushRefusedException) e).reason()).isEqualTo(PushRefusedException.Reason.REJECTED));
  }

  @Test
  void aReviewBranchIsReplacedByForceAndWrongCredentialsNeverShow() throws Exception {
    String base = cache.resolve(url, "main").commitSha();
    PushOutcome first = cache.commitAndPush(url, CREDS, new CommitRequest(base, Map.of("x.txt", "1".getBytes()), "one",
        null, "bot@keelson.dev", "images", null, true));
    PushOutcome second = cache.commitAndPush(url, CREDS, new CommitRequest(base, Map.of("x.txt", "2".getBytes()), "two",
        null, "bot@keelson.dev", "images", first.commitSha(), true));
    assertThat(origin.resolve("refs/heads/images").name()).isEqualTo(second.commitSha());
    assertThat(file("images", "x.txt")).isEqualTo("2");
    assertThat(origin.resolve("refs/heads/main").name()).isEqualTo(base);

    assertThatThrownBy(() -> cache.commitAndPush(url, new GitCredentials.Basic("writer", "wrong-secret"),
        new CommitRequest(base, Map.of("x.txt", "3".getBytes()), "three", null, "bot@keelson.dev", "main", base, false)))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageNotContaining("wrong-secret")
        .satisfies(e -> assertThat(((PushRefusedException) e).reason()).isEqualTo(PushRefusedException.Reason.TRANSPORT));
  }
}
