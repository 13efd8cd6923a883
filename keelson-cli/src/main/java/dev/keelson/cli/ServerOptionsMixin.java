package dev.keelson.cli;

import dev.keelson.auth.Authenticator;
import dev.keelson.auth.Authorizer;
import dev.keelson.auth.Subject;
import dev.keelson.server.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The API server's options, shared by {@code keelson server} and {@code controller --with-server},
 * and the authentication it runs with: keelson-auth's, or none at all with {@code --disable-auth}
 * (every request anonymous and allowed everything, which the server says when it starts).
 */
final class ServerOptionsMixin {
  @Option(names = "--port", defaultValue = "8080", description = "Port of the HTTP API (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--disable-auth",
      description = "Serve without authentication: every request is anonymous and may do everything. For a local cluster only.")
  boolean disableAuth;

  /**
   * Local accounts, sessions, API tokens, OIDC and RBAC from the controller's namespace (created
   * there on first start: the admin account and its initial password, the session key); or, with
   * {@code --disable-auth}, everyone anonymous and allowed everything.
   */
  Authentication authentication(io.fabric8.kubernetes.client.KubernetesClient client, String controllerNamespace) {
    if (disableAuth) return new Authentication(c -> Subject.ANONYMOUS, Authorizer.ALLOW_ALL, List.of(), () -> { });
    dev.keelson.auth.KeelsonAuth auth = dev.keelson.auth.KeelsonAuth.start(client,
        dev.keelson.auth.AuthOptions.defaults().withNamespace(controllerNamespace));
    return new Authentication(auth.authenticator(), auth.authorizer(),
        List.of(new dev.keelson.server.login.LoginRoutes(auth)), auth::close);
  }

  /** @param routes the login endpoints; @param close stops what the authentication watches */
  record Authentication(Authenticator authenticator, Authorizer authorizer,
      List<dev.keelson.server.http.RouteSet> routes, Runnable close) {}

  ServerOptions options(String controllerNamespace, Path cacheDir) {
    return ServerOptions.defaults(cacheDir).withPort(port).withControllerNamespace(controllerNamespace);
  }
}
