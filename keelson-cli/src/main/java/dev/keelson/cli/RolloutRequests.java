package dev.keelson.cli;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.api.rollouts.v1alpha1.RolloutRequestRecord;
import dev.keelson.rollouts.runtime.RolloutRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An operator request on a Rollout: the request annotation with a token, then the controller's
 * answer, the history entry carrying that token.
 */
final class RolloutRequests {
  private RolloutRequests() {}

  static int run(RolloutTarget options, String name, RolloutRequest.Action action, WaitOptions wait)
      throws java.io.IOException {
    var timeout = wait.duration();
    try (KubernetesClient client = options.kube.client()) {
      Rollout rollout = options.require(client, name);
      String token = OperatorRequests.now();
      String value = new RolloutRequest(action, OperatorRequests.user(), token).toJson();
      var resource = client.resources(Rollout.class).inNamespace(rollout.getMetadata().getNamespace()).withName(name);
      RetryOnConflict.edit(resource, r -> {
        if (r.getMetadata().getAnnotations() == null) r.getMetadata().setAnnotations(new HashMap<>());
        r.getMetadata().getAnnotations().put(RolloutRequest.ANNOTATION, value);
        return r;
      });
      if (wait.async) {
        System.out.println(action + " requested for rollout " + name);
        return ExitCodes.OK;
      }
      Optional<RolloutRequestRecord> answer;
      try {
        Rollout answered = resource.waitUntilCondition(r -> r != null && r.getStatus() != null
            && r.getStatus().history.stream().anyMatch(h -> token.equals(h.token)), timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer = answered.getStatus().history.stream().filter(h -> token.equals(h.token)).findFirst();
      } catch (KubernetesClientTimeoutException e) {
        answer = Optional.empty();
      }
      if (answer.isEmpty()) {
        System.err.println("error: no controller handled the " + action + " request within " + wait.timeout
            + " (is `keelson controller` running?)");
        return ExitCodes.FAILED;
      }
      System.out.println("rollout " + name + ": " + answer.get().result);
      return ExitCodes.OK;
    }
  }
}
