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
    Path cache = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".keelson", "server-cache");
    KubernetesClient client = kube.client();
    ServerOptionsMixin.Authentication auth = server.authentication(client, controllerNamespace);
    KeelsonServer api = KeelsonServer.start(client, server.options(controllerNamespace, cache),
        auth.authenticator(), auth.authorizer(), auth.routes());
    announce(api.port(), server.disableAuth, controllerNamespace);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      api.close();
      auth.close().run();
      client.close();
      stopped.countDown();
    }, "keelson-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  /** The URLs on standard output, and how to log in: what a user (or the quickstart) needs to reach it. */
  static void announce(int port, boolean authDisabled, String controllerNamespace) {
    System.out.println("UI: http://127.0.0.1:" + port + "/");
    System.out.println("API: http://127.0.0.1:" + port + "/api/v1 (OpenAPI: http://127.0.0.1:" + port
        + "/api/v1/openapi.json)");
    if (authDisabled) {
      System.out.println("authentication is disabled: no login needed, every request may do everything");
    } else {
      System.out.println("log in as admin; the initial password: kubectl -n " + controllerNamespace
          + " get secret keelson-initial-admin -o jsonpath='{.data.password}' | base64 -d");
    }
    System.out.flush();
  }
}
