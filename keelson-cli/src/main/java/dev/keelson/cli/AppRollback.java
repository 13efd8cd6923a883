package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Returns an app to the revision of a history entry and pins it there (new commits are not
 * applied) until {@code --clear}, as {@code argocd app rollback} does while auto-sync is off.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Sync an Application to the revision of a history entry and pin it there,"
        + " or (--clear) unpin it so it follows its source again.")
final class AppRollback implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "HISTORY_ID", description = "Id from `keelson app history`.")
  Long historyId;

  @Option(names = "--clear", description = "Remove the pin instead.")
  boolean clear;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    if ((historyId == null) == !clear) {
      throw new ParameterException(spec.commandLine(), "give exactly one of HISTORY_ID or --clear");
    }
    Duration limit = wait.duration();
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      OperatorRequest request;
      if (clear) {
        request = OperatorRequest.of(OperatorRequests.user(), OperatorRequests.now());
        OperatorRequests.edit(client, a, x -> {
          OperatorRequests.annotations(x).remove(Annotations.ROLLBACK);
          OperatorRequests.annotations(x).put(Annotations.ROLLBACK_CLEARED, request.toJson());
        });
        System.out.println("unpinning " + OperatorRequests.qualified(a));
      } else {
        List<HistoryEntry> usable = usableHistory(a);
        if (usable.stream().noneMatch(h -> historyId.equals(h.id))) {
          System.err.println("error: " + OperatorRequests.qualified(a) + " has no history entry " + historyId
              + " of a successful sync (available: " + (usable.isEmpty() ? "none"
                  : usable.stream().map(h -> String.valueOf(h.id)).collect(Collectors.joining(", "))) + ")");
          return ExitCodes.FAILED;
        }
        request = new OperatorRequest(OperatorRequests.user(), OperatorRequests.now(), null, historyId);
        OperatorRequests.edit(client, a, x -> OperatorRequests.annotations(x).put(Annotations.ROLLBACK, request.toJson()));
        System.out.println("rolling back " + OperatorRequests.qualified(a) + " to history entry " + historyId);
      }
      if (wait.async) return ExitCodes.OK;
      Optional<Application> done = OperatorRequests.await(client, a, s -> request.at().equals(s.lastHandledRollback), limit);
      if (done.isEmpty()) return OperatorRequests.notHandled("rollback", wait);
      AppGet.describe(System.out, done.get());
      return ExitCodes.OK;
    }
  }

  /** Entries a rollback can return to: syncs (and rollbacks) that succeeded, with their revision. */
  private static List<HistoryEntry> usableHistory(Application a) {
    var s = a.getStatus();
    if (s == null || s.history == null) return List.of();
    return s.history.stream().filter(h -> h.id != null && h.isDeployment()).toList();
  }
}
