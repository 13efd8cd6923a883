package dev.keelson.controller.it;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/** A real smart-HTTP Git server on loopback (JGit's GitServlet in Jetty) requiring basic auth. */
public final class HttpGitServer implements AutoCloseable {
  private final Server server = new Server();
  private final int port;

  public HttpGitServer(Path reposRoot, String user, String password) throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/git");
    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new FileResolver<>(reposRoot.toFile(), true));
    // pushes are taken from whoever passed the filter (image automation writes through it), except
    // to a branch named protected, refused as a Git host refuses a protected branch
    git.setReceivePackFactory((req, db) -> {
      org.eclipse.jgit.transport.ReceivePack rp = new org.eclipse.jgit.transport.ReceivePack(db);
      rp.setPreReceiveHook((pack, commands) -> commands.stream()
          .filter(c -> c.getRefName().equals("refs/heads/protected"))
          .forEach(c -> c.setResult(org.eclipse.jgit.transport.ReceiveCommand.Result.REJECTED_OTHER_REASON,
              "protected branch")));
      return rp;
    });
    context.addServlet(new ServletHolder(git), "/*");
    String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    context.addFilter(new FilterHolder(new Filter() {
      @Override
      public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!expected.equals(((HttpServletRequest) req).getHeader("Authorization"))) {
          HttpServletResponse r = (HttpServletResponse) res;
          r.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
          r.sendError(401);
          return;
        }
        chain.doFilter(req, res);
      }
    }), "/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
  }

  public String url(String repo) {
    return "http://127.0.0.1:" + port + "/git/" + repo;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
