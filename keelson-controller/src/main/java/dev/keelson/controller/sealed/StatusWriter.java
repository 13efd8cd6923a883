package dev.keelson.controller.sealed;

import dev.keelson.api.bitnami.v1alpha1.SealedSecret;
import dev.keelson.api.bitnami.v1alpha1.SealedSecretCondition;
import dev.keelson.api.bitnami.v1alpha1.SealedSecretStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

/**
 * The Synced condition and observedGeneration, written through the status subresource only when
 * they change (each write is a watch event for every client).
 */
final class StatusWriter {
  private final KubernetesClient client;
  private final Clock clock;

  StatusWriter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** @param failure empty when the Secret is in place */
  void write(SealedSecret sealed, Optional<UnsealFailure> failure) {
    SealedSecretStatus old = sealed.getStatus();
    SealedSecretCondition previous = old == null || old.conditions == null ? null
        : old.conditions.stream().filter(c -> SealedSecretCondition.SYNCED.equals(c.type)).findFirst().orElse(null);
    String status = failure.isEmpty() ? "True" : "False";
    String reason = failure.map(UnsealFailure::reason).orElse(null);
    String message = failure.map(UnsealFailure::message).orElse(null);
    Long generation = sealed.getMetadata().getGeneration();
    boolean same = previous != null && status.equals(previous.status) && Objects.equals(reason, previous.reason)
        && Objects.equals(message, previous.message) && old.observedGeneration != null && old.observedGeneration.equals(generation);
    if (same) return;

    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    SealedSecretCondition c = new SealedSecretCondition();
    c.type = SealedSecretCondition.SYNCED;
    c.status = status;
    c.reason = reason;
    c.message = message;
    c.lastUpdateTime = now;
    c.lastTransitionTime = previous != null && status.equals(previous.status) && previous.lastTransitionTime != null
        ? previous.lastTransitionTime : now;
    SealedSecretStatus next = new SealedSecretStatus();
    next.conditions = new ArrayList<>();
    if (old != null && old.conditions != null) {
      old.conditions.stream().filter(x -> !SealedSecretCondition.SYNCED.equals(x.type)).forEach(next.conditions::add);
    }
    next.conditions.add(0, c);
    next.observedGeneration = generation;

    SealedSecret copy = client.getKubernetesSerialization().clone(sealed);
    copy.setStatus(next);
    copy.getMetadata().setResourceVersion(null);
    copy.getMetadata().setManagedFields(null);
    try {
      client.resources(SealedSecret.class).inNamespace(sealed.getMetadata().getNamespace()).resource(copy).patchStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) throw e;
    }
  }
}
