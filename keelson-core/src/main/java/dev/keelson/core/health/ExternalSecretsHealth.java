package dev.keelson.core.health;

import java.util.Map;
import java.util.Optional;

/**
 * The External Secrets Operator's kinds (ExternalSecret, ClusterExternalSecret, SecretStore,
 * ClusterSecretStore, PushSecret), by their Ready condition as kstatus reads it. Unlike the generic
 * rule, an object without a Ready condition is not healthy by existing: the operator has not
 * fetched the secret (or checked the store) yet, and workloads that need it must wait.
 */
final class ExternalSecretsHealth implements HealthCheck {

  private static final GenericHealth GENERIC = new GenericHealth();

  @Override
  public Health check(Map<String, Object> object) {
    Optional<Condition> ready = Fields.condition(object, "Ready");
    if (ready.isEmpty()) {
      return Health.progressing("Waiting for the External Secrets Operator to report Ready");
    }
    return GENERIC.check(object);
  }
}
