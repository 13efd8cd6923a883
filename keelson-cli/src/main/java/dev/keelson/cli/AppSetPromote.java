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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Releases the RollingSync step that waits with maxUpdate 0, for the rollout under way. */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = "Release the RollingSync step waiting for promotion (maxUpdate: 0), and wait until the controller took it.")
final class AppSetPromote implements Callable<Integer> {
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
      Optional<ApplicationSetStatus.StepStatus> waiting = waitingStep(set);
      if (waiting.isEmpty()) {
        System.err.println("error: no step of " + ns + "/" + name + " waits for promotion");
        return ExitCodes.FAILED;
      }
      OperatorRequest request = OperatorRequest.of(OperatorRequests.user(), OperatorRequests.now());
      resource.edit(s -> {
        if (s.getMetadata().getAnnotations() == null) s.getMetadata().setAnnotations(new HashMap<>());
        s.getMetadata().getAnnotations().put(AppSetLabels.PROMOTE, request.toJson());
        return s;
      });
      System.out.println("promoted step " + waiting.get().index + " " + waiting.get().applications + " of " + ns + "/" + name);
      if (wait.async) return ExitCodes.OK;
      try {
        resource.waitUntilCondition(x -> x != null && x.getStatus() != null && x.getStatus().rollingSync != null
            && request.at().equals(x.getStatus().rollingSync.lastHandledPromote), limit.toMillis(), TimeUnit.MILLISECONDS);
        return ExitCodes.OK;
      } catch (KubernetesClientTimeoutException e) {
        return OperatorRequests.notHandled("promotion", wait);
      }
    }
  }

  private static Optional<ApplicationSetStatus.StepStatus> waitingStep(ApplicationSet set) {
    var s = set.getStatus();
    if (s == null || s.rollingSync == null) return Optional.empty();
    return s.rollingSync.steps.stream()
        .filter(x -> "Waiting".equals(x.state) && x.holding != null && x.holding.contains("promote")).findFirst();
  }
}
