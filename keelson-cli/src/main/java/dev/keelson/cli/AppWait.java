package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.core.time.Durations;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "wait", mixinStandardHelpOptions = true,
    description = "Wait until an Application is synced and/or healthy (neither flag: both). Also always"
        + " waits until no operation is running and status.observedGeneration equals metadata.generation"
        + " (the status describes the current spec).",
    footer = {"", "Exit codes: 0 the conditions hold; 1 --timeout passed first (the last seen sync,"
        + " health and operation state is printed to stderr); 2 usage error or unknown application."})
final class AppWait implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--sync", description = "Wait for sync status Synced.")
  boolean sync;

  @Option(names = "--health", description = "Wait for health Healthy.")
  boolean health;

  @Option(names = "--timeout", defaultValue = "5m", description = "How long to wait (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    Duration limit = Durations.parse(timeout);
    WaitCondition condition = WaitCondition.of(sync, health);
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      AtomicReference<Application> last = new AtomicReference<>(a);
      Application done;
      try {
        done = OperatorRequests.resource(client, a).waitUntilCondition(x -> {
          last.set(x);
          return condition.holds(x);
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (KubernetesClientTimeoutException e) {
        System.err.println("error: timed out after " + timeout + " waiting for " + condition.describe()
            + "; last seen: " + WaitCondition.lastSeen(last.get()));
        return ExitCodes.FAILED;
      }
      System.out.println(OperatorRequests.qualified(a) + ": " + WaitCondition.lastSeen(done));
      return ExitCodes.OK;
    }
  }
}
