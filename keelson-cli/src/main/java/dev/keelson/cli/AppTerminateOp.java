package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "terminate-op", mixinStandardHelpOptions = true,
    description = "Stop the running sync operation of an Application.",
    footer = {"", "Waits until the controller handled the request and prints the operation's phase then."
        + " Exit codes: 0 handled; 1 no operation was running; 2 usage error, or no controller answered"
        + " within --timeout."})
final class AppTerminateOp implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    Duration limit = wait.duration();
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      if (!running(a)) {
        System.err.println("error: no operation is running on " + OperatorRequests.qualified(a));
        return ExitCodes.FAILED;
      }
      OperatorRequest request = OperatorRequest.of(OperatorRequests.user(), OperatorRequests.now());
      OperatorRequests.edit(client, a, x -> OperatorRequests.annotations(x).put(Annotations.TERMINATE, request.toJson()));
      System.out.println("terminating operation " + a.getStatus().operationState.id + " of " + OperatorRequests.qualified(a));
      if (wait.async) return ExitCodes.OK;
      Optional<Application> done = OperatorRequests.await(client, a, s -> request.at().equals(s.lastHandledTerminate), limit);
      if (done.isEmpty()) return OperatorRequests.notHandled("terminate", wait);
      var op = done.get().getStatus().operationState;
      String phase = op == null ? "none" : Output.orEmpty(op.phase);
      System.out.println("operation: " + phase + (op == null || op.message == null ? "" : " - " + op.message));
      return ExitCodes.OK;
    }
  }

  private static boolean running(Application a) {
    var s = a.getStatus();
    return s != null && s.operationState != null && "Running".equals(s.operationState.phase);
  }
}
