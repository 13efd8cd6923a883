package dev.keelson.controller.sealed;

import dev.keelson.controller.runtime.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** The Sealed Secrets part of the controller, wired: keys, their manager, and the reconciler. */
public final class SealedSecrets {
  private final KeyRegistry registry = new KeyRegistry();
  private final KeyManager keys;
  private final SealedSecretReconciler reconciler;

  public SealedSecrets(KubernetesClient client, SealedSecretsOptions options, EventRecorder events, Clock clock) {
    this.keys = new KeyManager(client, options, registry, clock);
    this.reconciler = new SealedSecretReconciler(registry, new SecretWriter(client), new StatusWriter(client, clock), events);
  }

  public KeyManager keys() {
    return keys;
  }

  public KeyRegistry registry() {
    return registry;
  }

  public SealedSecretReconciler reconciler() {
    return reconciler;
  }
}
