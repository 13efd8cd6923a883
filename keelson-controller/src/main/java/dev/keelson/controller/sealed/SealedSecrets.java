package dev.keelson.controller.sealed;

import dev.keelson.controller.runtime.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** The Sealed Secrets part of the controller, wired: keys, their manager, and the reconciler. */
public final class SealedSecrets {
  private final KeyRegistry registry = new KeyRegistry();
  private final KeyManager keys;
  private final SealedSecretReconciler reconciler;

  /** @param stopping true once the controller is being stopped */
  public SealedSecrets(KubernetesClient client, SealedSecretsOptions options, EventRecorder events, Clock clock,
      java.util.function.BooleanSupplier stopping) {
    this.keys = new KeyManager(client, options, registry, clock);
    this.reconciler = new SealedSecretReconciler(registry, new SecretWriter(client), new StatusWriter(client, clock), events,
        stopping);
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
