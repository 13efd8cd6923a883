package dev.keelson.controller.runtime;

import dev.keelson.controller.notify.NotifyEvent;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on Keelson's objects (Applications: syncs, prunes and failures; SealedSecrets:
 * unsealed or why not), for `kubectl describe`. The one place events are told: each is also
 * handed to the notifications tap, so Alerts see what `kubectl describe` shows.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final String component;
  private final Consumer<NotifyEvent> tap;

  public EventRecorder(KubernetesClient client) {
    this(client, "keelson-controller");
  }

  /** @param component the Event's source, who reports: {@code keelson-server} for actions asked through the API */
  public EventRecorder(KubernetesClient client, String component) {
    this(client, component, e -> { });
  }

  /** @param tap receives every event recorded (notifications) */
  public EventRecorder(KubernetesClient client, String component, Consumer<NotifyEvent> tap) {
    this.client = client;
    this.component = component;
    this.tap = tap;
  }

  public void normal(HasMetadata object, String reason, String message) {
    normal(object, reason, message, NotifyEvent.Detail.NONE);
  }

  public void warning(HasMetadata object, String reason, String message) {
    warning(object, reason, message, NotifyEvent.Detail.NONE);
  }

  /** @param detail what notifications send beyond the Event: the revision, the commit status */
  public void normal(HasMetadata object, String reason, String message, NotifyEvent.Detail detail) {
    record(object, "Normal", reason, message);
    announce(object, false, reason, message, detail);
  }

  public void warning(HasMetadata object, String reason, String message, NotifyEvent.Detail detail) {
    record(object, "Warning", reason, message);
    announce(object, true, reason, message, detail);
  }

  /**
   * Tells notifications alone, without a Kubernetes Event: a sync that starts and ends in one
   * reconcile has one Event (its outcome), but its commit goes pending before it goes green.
   */
  public void announce(HasMetadata object, boolean warning, String reason, String message, NotifyEvent.Detail detail) {
    try {
      tap.accept(NotifyEvent.of(object, warning, reason, message, detail, Instant.now()));
    } catch (RuntimeException e) {
      LOG.warn("could not notify {} on {}: {}", reason, object.getMetadata().getName(), e.toString());
    }
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
    var event = new EventBuilder()
        .withNewMetadata()
            .withName(object.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
            .withNamespace(object.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(object.getApiVersion())
            .withKind(object.getKind())
            .withName(object.getMetadata().getName())
            .withNamespace(object.getMetadata().getNamespace())
            .withUid(object.getMetadata().getUid())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(text)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent(component).endSource()
        .build();
    try {
      client.v1().events().inNamespace(object.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}: HTTP {}", reason, object.getMetadata().getName(), e.getCode());
    }
  }
}
