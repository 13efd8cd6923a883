package dev.keelson.cli;

import dev.keelson.auth.Authenticator;
import dev.keelson.auth.Authorizer;
import dev.keelson.auth.Subject;
import dev.keelson.server.ServerOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The API server's options, shared by {@code keelson server} and {@code controller --with-server},
 * and the authentication it runs with. Until an authentication module is wired in, the only way
 * to serve is {@code --disable-auth}: every request is anonymous and allowed everything, which
 * the server says when it starts.
 */
final class ServerOptionsMixin {
  @Option(names = "--port", defaultValue = "8080", description = "Port of the HTTP API (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--disable-auth",
      description = "Serve without authentication: every request is anonymous and may do everything. For a local cluster only.")
  boolean disableAuth;

  static final String NOT_CONFIGURED = "authentication is not configured for the API server; pass --disable-auth"
      + " to serve without it (every request may then do everything: for a local cluster only)";

  /** Empty when the server must not start, with {@link #NOT_CONFIGURED} to say why. */
  Optional<Authentication> authentication() {
    if (!disableAuth) return Optional.empty();
    return Optional.of(new Authentication(c -> Subject.ANONYMOUS, Authorizer.ALLOW_ALL));
  }

  record Authentication(Authenticator authenticator, Authorizer authorizer) {}

  ServerOptions options(String controllerNamespace, Path cacheDir) {
    return ServerOptions.defaults(cacheDir).withPort(port).withControllerNamespace(controllerNamespace);
  }
}
