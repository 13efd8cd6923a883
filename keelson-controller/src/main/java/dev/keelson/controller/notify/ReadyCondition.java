package dev.keelson.controller.notify;

import dev.keelson.api.v1alpha1.NotificationStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The `Ready` condition of Providers and Alerts, written only when it changes. */
final class ReadyCondition {
  static final String READY = "Ready";

  private ReadyCondition() {}

  static <T extends CustomResource<?, NotificationStatus>> void write(KubernetesClient client, Class<T> type, T object,
      boolean ready, String reason, String message, Clock clock) {
    NotificationStatus old = object.getStatus() == null ? new NotificationStatus() : object.getStatus();
    String status = ready ? "True" : "False";
    Long generation = object.getMetadata().getGeneration();
    Condition previous = old.conditions == null ? null
        : old.conditions.stream().filter(c -> READY.equals(c.getType())).findFirst().orElse(null);
    if (previous != null && status.equals(previous.getStatus()) && reason.equals(previous.getReason())
        && Objects.equals(message, previous.getMessage()) && Objects.equals(generation, old.observedGeneration)) {
      return;
    }
    String since = previous != null && status.equals(previous.getStatus()) && previous.getLastTransitionTime() != null
        ? previous.getLastTransitionTime() : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    NotificationStatus next = new NotificationStatus();
    next.observedGeneration = generation;
    next.conditions.add(new ConditionBuilder().withType(READY).withStatus(status).withReason(reason)
        .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(since).build());
    HasMetadata m = object;
    try {
      client.resources(type).inNamespace(m.getMetadata().getNamespace()).withName(m.getMetadata().getName())
          .editStatus(x -> {
            x.setStatus(next);
            return x;
          });
    } catch (KubernetesClientException e) {
      // deleted meanwhile, or written in between: the next look writes it
      if (e.getCode() != 404 && e.getCode() != 409) throw e;
    }
  }
}
