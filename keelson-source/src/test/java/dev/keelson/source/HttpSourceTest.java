package dev.keelson.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smart HTTP against JGit's GitServlet in an embedded Jetty on loopback that requires basic
 * auth. Plain Jetty rather than JGit's AppServer: AppServer asserts with JUnit 4 and only knows
 * one fixed user, while the token tests need several.
 */
class HttpSourceTest {

  private static final String USER = "deployer";
  private static final String PASSWORD = "s3cret-Passw0rd";
  private static final String TOKEN = "ghp_tokenValue1234567890";

  @TempDir Path tmp;

  private Server server;
  private int port;
  private TestRepos.Fixture origin;
  private GitSourceCache cache;
  private String url;

  @BeforeEach
  void setUp() throws Exception {
    origin = TestRepos.standard(tmp.resolve("repos").resolve("app"));
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/git");
    server.setHandler(context);
    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new FileResolver<>(tmp.resolve("repos").toFile(), true));
    context.addServlet(new ServletHolder(git), "/*");
    context.addFilter(
        new FilterHolder(
            new BasicAuthFilter(
                Map.of(USER, PASSWORD, GitCredentials.DEFAULT_TOKEN_USERNAME, TOKEN, "ci-bot", TOKEN))),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    server.start();
    port = connector.getLocalPort();
    url = "http://127.0.0.1:" + port + "/git/app";
    cache = new GitSourceCache(tmp.resolve("cache"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (cache != null) {
      cache.close();
    }
    server.stop();
    origin.close();
  }

  @Test
  void clonesWithBasicCredentials() throws Exception {
    FetchResult result = cache.fetch(url, new GitCredentials.Basic(USER, PASSWORD), Duration.ZERO, false);

    assertThat(result.fetched()).isTrue();
    assertThat(cache.resolve(url, "")).isEqualTo(new ResolvedRevision(origin.c4(), "refs/heads/main"));
    assertThat(cache.resolve(url, ">=1.2.0 <2.0.0").commitSha()).isEqualTo(origin.c3());
    assertThat(cache.read(url, origin.c4(), "apps/web").files()).containsKey("deployment.yaml");
  }

  @Test
  void clonesWithTokenUnderDefaultOrGivenUsername() throws Exception {
    cache.fetch(url, new GitCredentials.Token(TOKEN), Duration.ZERO, false);
    assertThat(cache.resolve(url, "feature").commitSha()).isEqualTo(origin.feature());

    TestRepos.commit(origin.git(), "more", Map.of("x.txt", "x"));
    String secretDataUrl = url + "/";
    GitCredentials fromSecret = GitCredentials.fromSecretData(Map.of("username", "ci-bot", "bearerToken", TOKEN + "\n"));
    assertThat(cache.fetch(secretDataUrl, fromSecret, Duration.ZERO, false).fetched()).isTrue();
    // Same repository under another spelling: one clone, now two fetches.
    assertThat(cache.fetchCount(url)).isEqualTo(2);
    assertThat(cache.resolve(url, "main").commitSha())
        .isEqualTo(origin.git().getRepository().resolve("main").name());
  }

  @Test
  void wrongCredentialsFailWithoutLeakingThem() {
    String wrongPassword = "wrong-Passw0rd-42";
    SourceException error =
        catchSource(() -> cache.fetch(url, new GitCredentials.Basic(USER, wrongPassword), Duration.ZERO, false));

    assertThat(error.getMessage()).contains("fetch of " + url + " failed");
    assertThat(error.getMessage()).doesNotContain(wrongPassword);
    assertThat(stackTrace(error)).doesNotContain(wrongPassword).doesNotContain(PASSWORD);

    SourceException token =
        catchSource(() -> cache.fetch(url, new GitCredentials.Token("bad-token-value"), Duration.ZERO, true));
    assertThat(stackTrace(token)).doesNotContain("bad-token-value");

    SourceException anonymous = catchSource(() -> cache.fetch(url, GitCredentials.NONE, Duration.ZERO, true));
    assertThat(anonymous.getMessage()).contains("failed");
  }

  @Test
  void credentialsEmbeddedInUrlAreUsedButNeverShown() throws Exception {
    String withUserInfo = "http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/git/app";
    cache.fetch(withUserInfo, GitCredentials.NONE, Duration.ZERO, false);
    assertThat(cache.resolve(withUserInfo, "v1.0.0").commitSha()).isEqualTo(origin.c1());

    String wrong = "http://" + USER + ":nope-Passw0rd@127.0.0.1:" + port + "/git/app";
    SourceException error = catchSource(() -> cache.fetch(wrong, GitCredentials.NONE, Duration.ZERO, true));
    assertThat(stackTrace(error)).doesNotContain("nope-Passw0rd").doesNotContain(PASSWORD);
    SourceException missing = catchSource(() -> cache.resolve(wrong, "no-such-thing"));
    assertThat(missing.getMessage()).doesNotContain(PASSWORD).contains("http://127.0.0.1:");
  }

  private static SourceException catchSource(ThrowingCall call) {
    try {
      call.run();
    } catch (SourceException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected SourceException", e);
    }
    throw new AssertionError("expected SourceException, got success");
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  /** Requires HTTP basic credentials from the given user table on every request. */
  private static final class BasicAuthFilter implements Filter {
    private final Map<String, String> users;

    BasicAuthFilter(Map<String, String> users) {
      this.users = users;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      String header = ((HttpServletRequest) request).getHeader("Authorization");
      if (header != null && header.startsWith("Basic ")) {
        String decoded =
            new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0 && decoded.substring(colon + 1).equals(users.get(decoded.substring(0, colon)))) {
          chain.doFilter(request, response);
          return;
        }
      }
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
      http.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }
  }
}
