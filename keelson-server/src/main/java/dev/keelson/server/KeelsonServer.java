package dev.keelson.server;

import dev.keelson.auth.Authenticator;
import dev.keelson.auth.Authorizer;
import dev.keelson.server.api.ActionsApi;
import dev.keelson.server.api.AppAccess;
import dev.keelson.server.api.ApplicationsApi;
import dev.keelson.server.api.Auditor;
import dev.keelson.server.api.FleetApi;
import dev.keelson.server.api.LiveStateApi;
import dev.keelson.server.api.OpenApiDocument;
import dev.keelson.server.http.RouteSet;
import dev.keelson.server.http.Router;
import dev.keelson.server.index.ApplicationIndex;
import dev.keelson.server.stream.AppStream;
import dev.keelson.source.GitSourceCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code keelson server} process, also embedded by {@code controller --with-server} and by
 * tests: an application index fed by an informer, the API's routes on Jetty, and whatever the
 * given {@link RouteSet}s add (the auth module's login endpoints). It keeps no state of its own,
 * so any number can run behind a load balancer.
 */
public final class KeelsonServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeelsonServer.class);

  private final ApplicationIndex index;
  private final Server jetty;
  private final AppStream stream;

  private KeelsonServer(ApplicationIndex index, Server jetty, AppStream stream) {
    this.index = index;
    this.jetty = jetty;
    this.stream = stream;
  }

  public static KeelsonServer start(KubernetesClient client, ServerOptions options, Authenticator authenticator,
      Authorizer authorizer, List<RouteSet> extraRoutes) throws Exception {
    ApplicationIndex index = ApplicationIndex.start(client);
    try {
      Router router = new Router(authenticator, authorizer, options.maxBodyBytes());
      AppAccess access = new AppAccess(index, options.controllerNamespace());
      new OpenApiDocument().register(router);
      new ApplicationsApi(access, client).register(router);
      new LiveStateApi(access, client, options.controllerNamespace(), new GitSourceCache(options.cacheDir()),
          options.cacheDir()).register(router);
      new ActionsApi(access, client, new Auditor(client)).register(router);
      new FleetApi(client, options.controllerNamespace()).register(router);
      AppStream stream = new AppStream(index, access::visible, ApplicationsApi::query);
      router.get("/api/v1/stream", stream);
      extraRoutes.forEach(r -> r.register(router));

      QueuedThreadPool threads = new QueuedThreadPool(200, 8);
      threads.setName("keelson-server");
      Server jetty = new Server(threads);
      ServerConnector connector = new ServerConnector(jetty);
      connector.setPort(options.port());
      jetty.addConnector(connector);
      // the UI's files for GETs outside /api/ and /auth/, the API for everything else
      jetty.setHandler(new dev.keelson.server.ui.UiHandler(router, new dev.keelson.ui.UiAssets()));
      jetty.setErrorHandler(new dev.keelson.server.http.JsonErrors());
      jetty.setStopTimeout(2_000);
      jetty.start();
      KeelsonServer server = new KeelsonServer(index, jetty, stream);
      LOG.info("API server listening on :{} ({} applications indexed)", server.port(), index.size());
      return server;
    } catch (Exception e) {
      index.close();
      throw e;
    }
  }

  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void close() {
    stream.close();
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("stopping the API server: {}", e.getMessage());
    }
    index.close();
  }
}
