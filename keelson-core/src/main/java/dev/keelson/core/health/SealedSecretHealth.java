package dev.keelson.core.health;

import java.util.Map;
import java.util.Optional;

/**
 * A SealedSecret (bitnami.com), whoever unseals it (Keelson or the upstream controller): Healthy
 * once its controller reports the Secret in place ({@code Synced=True}), Degraded when it cannot
 * be opened or written ({@code Synced=False}, with the controller's reason), Progressing until
 * the controller has looked at the latest spec. So an app waits for its secrets like any other
 * object. As Argo CD's built-in check, plus the generation check.
 */
final class SealedSecretHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> sealed) {
    if (Fields.has(sealed, "status", "observedGeneration") && Fields.observedGeneration(sealed) < Fields.generation(sealed)) {
      return Health.progressing("SealedSecret has not yet been unsealed at its latest generation");
    }
    Optional<Condition> synced = Fields.condition(sealed, "Synced");
    if (synced.isPresent() && synced.get().isFalse()) {
      return Health.degraded(synced.get().explanation().isEmpty() ? "SealedSecret cannot be unsealed" : synced.get().explanation());
    }
    if (synced.isPresent() && synced.get().isTrue()) {
      return Health.healthy("Secret is in place");
    }
    return Health.progressing("waiting for the SealedSecret to be unsealed");
  }
}
