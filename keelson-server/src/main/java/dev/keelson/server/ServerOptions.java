package dev.keelson.server;

import java.nio.file.Path;

/**
 * How the API server runs.
 *
 * @param port 0 for any free port ({@link KeelsonServer#port()} says which)
 * @param controllerNamespace where cluster Secrets live; apps in it are named {@code <project>/<name>}
 *     to the authoriser, apps elsewhere {@code <project>/<namespace>/<name>}
 * @param cacheDir Git clones and charts for manifests and diffs
 * @param maxBodyBytes request bodies above this are refused (400 {@code body_too_large})
 */
public record ServerOptions(int port, String controllerNamespace, Path cacheDir, long maxBodyBytes) {
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY = 1L << 20;

  public static ServerOptions defaults(Path cacheDir) {
    return new ServerOptions(DEFAULT_PORT, dev.keelson.controller.runtime.ControllerOptions.DEFAULT_NAMESPACE,
        cacheDir, DEFAULT_MAX_BODY);
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(p, controllerNamespace, cacheDir, maxBodyBytes);
  }

  public ServerOptions withControllerNamespace(String ns) {
    return new ServerOptions(port, ns, cacheDir, maxBodyBytes);
  }
}
