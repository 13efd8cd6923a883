package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.Annotations;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Asks the controller for an immediate fetch and sync (also for apps without automated sync) by
 * annotating the Application, then waits until the controller took the request and the operation
 * it started, which may span many reconciles (waves, hooks), is over.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Fetch and sync an Application now, and wait for the result.",
    footer = {"", "Exit codes: 0 the sync succeeded; 1 it failed, or the controller did not start it"
        + " (suspended, sync window, dependencies: the reason is printed); 2 usage error, or no"
        + " controller answered within --timeout."})
final class AppSync implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--prune", description = "Also delete objects no longer in Git.")
  boolean prune;

  @Option(names = "--dry-run", description = "Run the sync without changing anything in the cluster.")
  boolean dryRun;

  @Option(names = "--resource", paramLabel = "GROUP:KIND:NAME", converter = SyncResource.Converter.class,
      description = "Sync only this object (repeatable); GROUP is empty for the core group, e.g. :ConfigMap:web.")
  List<SyncResource> resources = new ArrayList<>();

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    Duration limit = wait.duration();
    SyncRequestOptions options = new SyncRequestOptions(prune, dryRun, resources);
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      String token = OperatorRequests.now();
      String user = OperatorRequests.user();
      OperatorRequests.edit(client, a, x -> {
        Map<String, String> annotations = OperatorRequests.annotations(x);
        annotations.put(Annotations.SYNC_REQUESTED_AT, token);
        annotations.put(Annotations.SYNC_REQUESTED_BY, user);
        // Always rewritten: options left from an earlier request must not apply to this one.
        String value = options.annotationValue();
        if (value == null) annotations.remove(Annotations.SYNC_REQUEST_OPTIONS);
        else annotations.put(Annotations.SYNC_REQUEST_OPTIONS, value);
      });
      String value = options.annotationValue();
      System.out.println("sync requested for " + OperatorRequests.qualified(a) + (value == null ? "" : " (" + value + ")"));
      if (wait.async) return ExitCodes.OK;
      Optional<Application> done = OperatorRequests.await(client, a, s -> SyncRequestOutcome.finished(s, token), limit);
      if (done.isEmpty()) return OperatorRequests.notHandled("sync", wait);
      AppGet.describe(System.out, done.get());
      SyncRequestOutcome result = SyncRequestOutcome.of(done.get().getStatus(), token);
      return switch (result.outcome()) {
        case SUCCEEDED -> ExitCodes.OK;
        case FAILED -> {
          System.err.println("error: sync " + result.message());
          yield ExitCodes.FAILED;
        }
        case REFUSED -> {
          System.err.println("error: the controller did not start the sync: "
              + refusal(client, done.get(), token).orElse(result.message()));
          yield ExitCodes.FAILED;
        }
      };
    }
  }

  /** Why the controller refused this request: its SyncRefused event, which names the token. */
  private static Optional<String> refusal(KubernetesClient client, Application app, String token) {
    return client.v1().events().inNamespace(app.getMetadata().getNamespace())
        .withField("involvedObject.name", app.getMetadata().getName()).list().getItems().stream()
        .filter(e -> "SyncRefused".equals(e.getReason()) && e.getMessage() != null && e.getMessage().contains(token))
        .map(e -> e.getMessage().substring(e.getMessage().indexOf("not run: ") + "not run: ".length()))
        .findFirst();
  }
}
