package dev.keelson.controller.receiver;

import dev.keelson.api.v1alpha1.Receiver;
import dev.keelson.api.v1alpha1.ReceiverStatus;
import dev.keelson.controller.repos.SecretData;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Keeps each Receiver's path served: reads its token, computes the path as Flux does, and writes
 * it to status. Looks again every minute, so a rotated token takes effect within one.
 */
@ControllerConfiguration(name = "receiver", generationAwareEventProcessing = false, triggerReconcilerOnAllEvents = true)
public final class ReceiverReconciler implements Reconciler<Receiver> {
  static final Duration RECHECK = Duration.ofMinutes(1);
  public static final String READY = "Ready";

  private final KubernetesClient client;
  private final Receivers receivers;
  private final Clock clock;

  public ReceiverReconciler(KubernetesClient client, Receivers receivers, Clock clock) {
    this.client = client;
    this.receivers = receivers;
    this.clock = clock;
  }

  @Override
  public UpdateControl<Receiver> reconcile(Receiver r, Context<Receiver> context) {
    String ns = r.getMetadata().getNamespace();
    String name = r.getMetadata().getName();
    if (context.isPrimaryResourceDeleted() || r.isMarkedForDeletion()) {
      receivers.remove(ns, name);
      return UpdateControl.noUpdate();
    }
    ReceiverStatus next = new ReceiverStatus();
    ReceiverStatus old = r.getStatus() == null ? new ReceiverStatus() : r.getStatus();
    next.observedGeneration = r.getMetadata().getGeneration();
    next.lastHandledAt = old.lastHandledAt;
    try {
      ReceiverType type = ReceiverType.parse(r.getSpec().type);
      String token = token(r);
      String path = Signatures.path(token, name, ns);
      List<String> events = r.getSpec().events == null || r.getSpec().events.isEmpty()
          ? type.pushEvents : List.copyOf(r.getSpec().events);
      receivers.put(path, ns, name, type, token, events,
          r.getSpec().resources == null ? List.of() : r.getSpec().resources, Boolean.TRUE.equals(r.getSpec().suspend));
      next.webhookPath = path;
      next.conditions.add(condition(old, "True", "Succeeded", "Receiver initialized for path: " + path, next));
    } catch (IllegalArgumentException e) {
      receivers.remove(ns, name);
      next.conditions.add(condition(old, "False", "InvalidSpec", e.getMessage(), next));
    }
    if (!sameStatus(old, next)) {
      try {
        client.resources(Receiver.class).inNamespace(ns).withName(name).editStatus(x -> {
          x.setStatus(next);
          return x;
        });
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 409) throw e;
      }
    }
    return UpdateControl.<Receiver>noUpdate().rescheduleAfter(RECHECK);
  }

  private String token(Receiver r) {
    var ref = r.getSpec().secretRef;
    if (ref == null || ref.name == null || ref.name.isBlank()) throw new IllegalArgumentException("spec.secretRef.name is required");
    Secret s = client.secrets().inNamespace(r.getMetadata().getNamespace()).withName(ref.name).get();
    if (s == null) {
      throw new IllegalArgumentException("spec.secretRef: Secret " + r.getMetadata().getNamespace() + "/" + ref.name
          + " not found");
    }
    String token = SecretData.of(s).get("token");
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("spec.secretRef: Secret " + ref.name + " has no key token");
    }
    return token.strip();
  }

  private Condition condition(ReceiverStatus old, String status, String reason, String message, ReceiverStatus next) {
    String since = old.conditions == null ? null : old.conditions.stream()
        .filter(c -> READY.equals(c.getType()) && status.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime).filter(Objects::nonNull).findFirst().orElse(null);
    return new ConditionBuilder().withType(READY).withStatus(status).withReason(reason).withMessage(message)
        .withObservedGeneration(next.observedGeneration)
        .withLastTransitionTime(since != null ? since : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
  }

  private static boolean sameStatus(ReceiverStatus a, ReceiverStatus b) {
    return Objects.equals(a.webhookPath, b.webhookPath) && Objects.equals(a.observedGeneration, b.observedGeneration)
        && a.conditions != null && a.conditions.size() == b.conditions.size()
        && a.conditions.stream().allMatch(c -> b.conditions.stream().anyMatch(d -> d.getType().equals(c.getType())
            && d.getStatus().equals(c.getStatus()) && Objects.equals(d.getMessage(), c.getMessage())
            && Objects.equals(d.getReason(), c.getReason())));
  }
}
