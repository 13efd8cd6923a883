package dev.keelson.cli;

import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.api.v1alpha1.ApplicationSetStatus;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.controller.appset.AppSetLabels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Releases the deletions a set's guard holds. The request names the hold's id, so a
 * confirmation given for one set of deletions never releases a different one found later.
 */
@Command(name = "confirm", mixinStandardHelpOptions = true,
    description = "Confirm the deletions an ApplicationSet holds back, and wait until the controller made them.")
final class AppSetConfirm implements Callable<Integer> {
  @Mixin AppOptions options;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    Duration limit = wait.duration();
    try (KubernetesClient client = options.kube.client()) {
      String ns = options.namespace(client);
      Resource<ApplicationSet> resource = client.resources(ApplicationSet.class).inNamespace(ns).withName(name);
      ApplicationSet set = resource.get();
      if (set == null) throw new IllegalArgumentException("application set " + ns + "/" + name + " not found");
      ApplicationSetStatus.HeldDeletion held = set.getStatus() == null ? null : set.getStatus().heldDeletion;
      if (held == null) {
        System.err.println("error: " + ns + "/" + name + " holds no deletion");
        return ExitCodes.FAILED;
      }
      OperatorRequest request = new OperatorRequest(OperatorRequests.user(), OperatorRequests.now(), held.id, null);
      resource.edit(s -> {
        if (s.getMetadata().getAnnotations() == null) s.getMetadata().setAnnotations(new HashMap<>());
        s.getMetadata().getAnnotations().put(AppSetLabels.CONFIRM, request.toJson());
        return s;
      });
      System.out.println("confirmed deleting " + held.applications + " of " + ns + "/" + name);
      if (wait.async) return ExitCodes.OK;
      try {
        ApplicationSet done = resource.waitUntilCondition(x -> x != null && x.getStatus() != null
            && request.at().equals(x.getStatus().lastHandledConfirm), limit.toMillis(), TimeUnit.MILLISECONDS);
        if (done.getStatus().heldDeletion != null) {
          System.out.println("still held: " + done.getStatus().heldDeletion.applications + " ("
              + done.getStatus().heldDeletion.reason + ")");
          return ExitCodes.FAILED;
        }
        System.out.println("deleted");
        return ExitCodes.OK;
      } catch (KubernetesClientTimeoutException e) {
        return OperatorRequests.notHandled("confirmation", wait);
      }
    }
  }
}
