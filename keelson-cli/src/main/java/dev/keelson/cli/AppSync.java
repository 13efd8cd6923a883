package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.app.Annotations;
import dev.keelson.core.time.Durations;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Asks the controller for an immediate fetch and sync (also for apps without automated sync) by
 * annotating the Application, then waits until the controller reports that it handled it.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Fetch and sync an Application now, and wait for the result.")
final class AppSync implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--async", description = "Return once the request is recorded, without waiting.")
  boolean async;

  @Option(names = "--timeout", defaultValue = "5m", description = "How long to wait (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    Duration wait = Durations.parse(timeout);
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      String request = Instant.now().toString();
      String user = System.getProperty("user.name", "unknown");
      client.resources(Application.class).inNamespace(a.getMetadata().getNamespace()).withName(name)
          .edit(x -> {
            if (x.getMetadata().getAnnotations() == null) x.getMetadata().setAnnotations(new java.util.HashMap<>());
            x.getMetadata().getAnnotations().put(Annotations.SYNC_REQUESTED_AT, request);
            x.getMetadata().getAnnotations().put(Annotations.SYNC_REQUESTED_BY, user);
            return x;
          });
      System.out.println("sync requested for " + a.getMetadata().getNamespace() + "/" + name);
      if (async) return ExitCodes.OK;
      Application done;
      try {
        done = client.resources(Application.class).inNamespace(a.getMetadata().getNamespace()).withName(name)
            .waitUntilCondition(x -> x != null && x.getStatus() != null
                && request.equals(x.getStatus().lastHandledSyncRequest), wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (KubernetesClientTimeoutException e) {
        System.err.println("error: no controller handled the sync request within " + timeout
            + " (is `keelson controller` running?)");
        return ExitCodes.ERROR;
      }
      AppGet.describe(System.out, done);
      return succeeded(done.getStatus()) ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** The sync ran and succeeded: newest history entry succeeded and nothing is stalled. */
  private static boolean succeeded(ApplicationStatus s) {
    if (s.history == null || s.history.isEmpty()) return false;
    boolean stalled = s.conditions != null && s.conditions.stream()
        .anyMatch(c -> "Stalled".equals(c.getType()) && "True".equals(c.getStatus()));
    return !stalled && "Succeeded".equals(s.history.get(s.history.size() - 1).result);
  }
}
