package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;

/**
 * What `app suspend` and `app resume` share: spec.suspend and the request annotation change in one
 * write, so the controller records who suspended or resumed, and when, exactly once.
 */
final class SuspendChange {
  private SuspendChange() {}

  static int run(AppOptions app, String name, WaitOptions wait, boolean suspend) throws Exception {
    Duration limit = wait.duration();
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      OperatorRequest request = OperatorRequest.of(OperatorRequests.user(), OperatorRequests.now());
      OperatorRequests.edit(client, a, x -> {
        // Resume removes the field rather than writing false: an unsuspended app has no suspend.
        x.getSpec().suspend = suspend ? Boolean.TRUE : null;
        OperatorRequests.annotations(x).put(Annotations.SUSPEND_CHANGED, request.toJson());
      });
      System.out.println((suspend ? "suspending " : "resuming ") + OperatorRequests.qualified(a));
      if (wait.async) return ExitCodes.OK;
      Optional<Application> done = OperatorRequests.await(client, a, s -> request.at().equals(s.lastHandledSuspendChange), limit);
      if (done.isEmpty()) return OperatorRequests.notHandled(suspend ? "suspend" : "resume", wait);
      AppGet.describe(System.out, done.get());
      return ExitCodes.OK;
    }
  }
}
