package dev.keelson.rollouts.runtime;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on a Rollout (steps, promotions, aborts, operator requests), for `kubectl
 * describe`, each also handed to the {@link RolloutEventTap} (the controller's notifications).
 */
final class RolloutEvents {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutEvents.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final RolloutEventTap tap;

  RolloutEvents(KubernetesClient client, Clock clock, RolloutEventTap tap) {
    this.client = client;
    this.clock = clock;
    this.tap = tap;
  }

  void normal(HasMetadata object, String reason, String message) {
    record(object, "Normal", reason, message);
    tap(object, false, reason, message);
  }

  void warning(HasMetadata object, String reason, String message) {
    record(object, "Warning", reason, message);
    tap(object, true, reason, message);
  }

  private void tap(HasMetadata object, boolean warning, String reason, String message) {
    try {
      tap.recorded(object, warning, reason, message);
    } catch (RuntimeException e) {
      LOG.debug("event {} not offered to notifications: {}", reason, e.toString());
    }
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    var event = new EventBuilder()
        .withNewMetadata()
            .withName(object.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
            .withNamespace(object.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(object.getApiVersion()).withKind(object.getKind())
            .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
            .withUid(object.getMetadata().getUid()).build())
        .withType(type).withReason(reason).withMessage(message)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource("keelson-rollouts", null)
        .build();
    try {
      client.v1().events().inNamespace(object.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      // an event is a courtesy: failing to record one must not fail the reconcile
      LOG.debug("event {} not recorded: {}", reason, e.getMessage());
    }
  }
}
