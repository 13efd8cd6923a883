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

  @Mixin ServerTarget server;

  @Override
  public Integer call() throws Exception {
    Duration limit = wait.duration();
    SyncRequestOptions options = new SyncRequestOptions(prune, dryRun, resources);
    if (server.given()) return throughServer(options, limit);
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

  /**
   * The same through the server: {@code POST .../sync} writes the request (as the user the token
   * names), then the app is read until the controller echoes the token the answer carries.
   */
  private int throughServer(SyncRequestOptions options, Duration limit) throws Exception {
    ServerApi api = server.api();
    String ns = ServerTarget.namespace(app);
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("prune", options.prune());
    body.put("dryRun", options.dryRun());
    if (!options.resources().isEmpty()) body.put("resources", options.resources().stream().map(SyncResource::toString).toList());
    String token;
    try {
      token = api.post(ServerApi.appPath(ns, name) + "/sync", body).path("token").asText();
    } catch (ServerApi.Failure f) {
      if (f.status == 404) throw new IllegalArgumentException("application " + ns + "/" + name + " not found");
      throw f;
    }
    String value = options.annotationValue();
    System.out.println("sync requested for " + ns + "/" + name + (value == null ? "" : " (" + value + ")"));
    if (wait.async) return ExitCodes.OK;
    long deadline = System.nanoTime() + limit.toNanos();
    Application done = null;
    while (System.nanoTime() < deadline) {
      Application a = AppGet.fromServer(api, ns, name);
      if (a.getStatus() != null && SyncRequestOutcome.finished(a.getStatus(), token)) {
        done = a;
        break;
      }
      Thread.sleep(Math.min(500, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
    if (done == null) return OperatorRequests.notHandled("sync", wait);
    AppGet.describe(System.out, done);
    SyncRequestOutcome result = SyncRequestOutcome.of(done.getStatus(), token);
    return switch (result.outcome()) {
      case SUCCEEDED -> ExitCodes.OK;
      case FAILED -> {
        System.err.println("error: sync " + result.message());
        yield ExitCodes.FAILED;
      }
      case REFUSED -> {
        System.err.println("error: the controller did not start the sync: "
            + refusal(api.get(ServerApi.appPath(ns, name) + "/events"), token).orElse(result.message()));
        yield ExitCodes.FAILED;
      }
    };
  }

  /** The SyncRefused event naming the token, among the app's Events as the server lists them. */
  private static Optional<String> refusal(com.fasterxml.jackson.databind.JsonNode events, String token) {
    for (var e : events.path("items")) {
      String message = e.path("message").asText("");
      if ("SyncRefused".equals(e.path("reason").asText()) && message.contains(token) && message.contains("not run: ")) {
        return Optional.of(message.substring(message.indexOf("not run: ") + "not run: ".length()));
      }
    }
    return Optional.empty();
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
