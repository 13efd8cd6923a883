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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Approves the revision waiting under syncPolicy.approval. The approved revision is named in the
 * request, so a newer commit planned meanwhile is not applied by an approval meant for an older one.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Approve the revision waiting for approval, and wait until the controller took it.")
final class AppApprove implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--revision", paramLabel = "SHA", description = "The commit to approve (default: the one awaiting approval).")
  String revision;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    Duration limit = wait.duration();
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      String approved = revision != null ? revision : pendingRevision(a);
      if (approved == null) {
        System.err.println("error: nothing awaits approval on " + OperatorRequests.qualified(a));
        return ExitCodes.FAILED;
      }
      OperatorRequest request = new OperatorRequest(OperatorRequests.user(), OperatorRequests.now(), approved, null);
      OperatorRequests.edit(client, a, x -> OperatorRequests.annotations(x).put(Annotations.APPROVE, request.toJson()));
      System.out.println("approved " + approved + " for " + OperatorRequests.qualified(a));
      if (wait.async) return ExitCodes.OK;
      Optional<Application> done = OperatorRequests.await(client, a, s -> request.at().equals(s.lastHandledApproval), limit);
      if (done.isEmpty()) return OperatorRequests.notHandled("approval", wait);
      AppGet.describe(System.out, done.get());
      return ExitCodes.OK;
    }
  }

  private static String pendingRevision(Application a) {
    var s = a.getStatus();
    return s == null || s.pendingApproval == null ? null : s.pendingApproval.revision;
  }
}
