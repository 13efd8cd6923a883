package dev.keelson.cli;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.promotion.v1alpha1.PromotionPipeline;
import dev.keelson.api.promotion.v1alpha1.PromotionPipelineStatus;
import dev.keelson.automation.promotion.PromotionRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A request on a PromotionPipeline: its annotation with a token, then the controller's answer in
 * status ({@code lastHandledPromote} or {@code lastHandledApprove}) carrying that token.
 */
final class PromotionRequests {
  private PromotionRequests() {}

  static int run(PromotionTarget target, String name, String annotation, Function<String, PromotionRequest> request,
      String what, WaitOptions wait) throws java.io.IOException {
    var timeout = wait.duration();
    try (KubernetesClient client = target.kube.client()) {
      PromotionPipeline p = target.require(client, name);
      String token = OperatorRequests.now();
      String value = request.apply(token).toJson();
      var resource = client.resources(PromotionPipeline.class).inNamespace(p.getMetadata().getNamespace()).withName(name);
      RetryOnConflict.edit(resource, x -> {
        if (x.getMetadata().getAnnotations() == null) x.getMetadata().setAnnotations(new HashMap<>());
        x.getMetadata().getAnnotations().put(annotation, value);
        return x;
      });
      if (wait.async) {
        System.out.println(what + " requested for PromotionPipeline " + name);
        return ExitCodes.OK;
      }
      PromotionPipelineStatus.RequestAnswer answer;
      try {
        PromotionPipeline answered = resource.waitUntilCondition(x -> x != null && token.equals(tokenOf(x, annotation)),
            timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer = answerOf(answered, annotation);
      } catch (KubernetesClientTimeoutException e) {
        return OperatorRequests.notHandled(what, wait);
      }
      if (Boolean.TRUE.equals(answer.failed)) {
        System.err.println("error: " + name + ": " + answer.result);
        return ExitCodes.FAILED;
      }
      System.out.println(name + ": " + answer.result);
      return ExitCodes.OK;
    }
  }

  private static PromotionPipelineStatus.RequestAnswer answerOf(PromotionPipeline p, String annotation) {
    if (p.getStatus() == null) return null;
    return annotation.equals(PromotionPipeline.PROMOTE_REQUEST) ? p.getStatus().lastHandledPromote
        : p.getStatus().lastHandledApprove;
  }

  private static String tokenOf(PromotionPipeline p, String annotation) {
    PromotionPipelineStatus.RequestAnswer a = answerOf(p, annotation);
    return a == null ? null : a.token;
  }
}
