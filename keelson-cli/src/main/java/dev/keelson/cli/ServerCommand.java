package dev.keelson.cli;

import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.server.KeelsonServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the HTTP API in the foreground until stopped (SIGINT/SIGTERM). */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Serve the HTTP API (/api/v1) in the foreground; stateless, so several may run side by side.")
final class ServerCommand implements Callable<Integer> {
  @Mixin KubeOptions kube;
  @Mixin ServerOptionsMixin server;

  @Option(names = "--controller-namespace", defaultValue = ControllerOptions.DEFAULT_NAMESPACE,
      description = "The controller's namespace, where cluster Secrets live (default: ${DEFAULT-VALUE}).")
  String controllerNamespace;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Git clones for manifests and diffs (default: ~/.keelson/server-cache).")
  Path cacheDir;

  @Override
  public Integer call() throws Exception {
    Optional<ServerOptionsMixin.Authentication> auth = server.authentication();
    if (auth.isEmpty()) {
      System.err.println("error: " + ServerOptionsMixin.NOT_CONFIGURED);
      return ExitCodes.ERROR;
    }
    Path cache = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".keelson", "server-cache");
    KubernetesClient client = kube.client();
    KeelsonServer api = KeelsonServer.start(client, server.options(controllerNamespace, cache),
        auth.get().authenticator(), auth.get().authorizer(), List.of());
    announce(api.port(), server.disableAuth);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      api.close();
      client.close();
      stopped.countDown();
    }, "keelson-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  /** The URL on standard output, what a user (or the quickstart) needs to reach it. */
  static void announce(int port, boolean authDisabled) {
    System.out.println("API: http://127.0.0.1:" + port + "/api/v1 (OpenAPI: http://127.0.0.1:" + port
        + "/api/v1/openapi.json)");
    if (authDisabled) System.out.println("authentication is disabled: no login needed, every request may do everything");
    System.out.flush();
  }
}
