package dev.keelson.controller.runtime;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on Applications: syncs, prunes and failures, for `kubectl describe`. */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void normal(Application app, String reason, String message) {
    record(app, "Normal", reason, message);
  }

  public void warning(Application app, String reason, String message) {
    record(app, "Warning", reason, message);
  }

  private void record(Application app, String type, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
    var event = new EventBuilder()
        .withNewMetadata()
            .withName(app.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
            .withNamespace(app.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(app.getApiVersion())
            .withKind(app.getKind())
            .withName(app.getMetadata().getName())
            .withNamespace(app.getMetadata().getNamespace())
            .withUid(app.getMetadata().getUid())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(text)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent("keelson-controller").endSource()
        .build();
    try {
      client.v1().events().inNamespace(app.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}: HTTP {}", reason, app.getMetadata().getName(), e.getCode());
    }
  }
}
