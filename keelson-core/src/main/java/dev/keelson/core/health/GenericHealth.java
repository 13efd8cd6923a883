package dev.keelson.core.health;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every other kind, including custom resources, following the kstatus conventions that most
 * controllers (Flux, Crossplane, cert-manager, Cluster API...) implement. Objects without status
 * conditions (ConfigMap, Secret, ServiceAccount, Role...) are healthy by existing.
 */
final class GenericHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> object) {
    if (Fields.has(object, "status", "observedGeneration")
        && Fields.observedGeneration(object) < Fields.generation(object)) {
      // Status, conditions included, still describes an older spec.
      return Health.progressing(
          "Waiting for the controller to observe generation " + Fields.generation(object));
    }
    Optional<Condition> stalled = Fields.condition(object, "Stalled").filter(Condition::isTrue);
    if (stalled.isPresent()) {
      return Health.degraded(stalled.get().explanation());
    }
    Optional<Condition> reconciling =
        Fields.condition(object, "Reconciling").filter(Condition::isTrue);
    if (reconciling.isPresent()) {
      return Health.progressing(reconciling.get().explanation());
    }
    Optional<Condition> ready = Fields.condition(object, "Ready");
    if (ready.isPresent()) {
      Condition c = ready.get();
      if (c.isTrue()) {
        return Health.healthy(c.message());
      }
      if (c.isFalse() && !soundsLikeProgress(c.reason())) {
        return Health.degraded(c.explanation());
      }
      return Health.progressing(c.explanation());
    }
    Optional<Condition> available = Fields.condition(object, "Available");
    if (available.isPresent()) {
      Condition c = available.get();
      return c.isTrue() ? Health.healthy(c.message()) : Health.progressing(c.explanation());
    }
    return Health.healthy();
  }

  /**
   * Many controllers report Ready=False while still working towards ready, with reasons such as
   * "Progressing", "Reconciling", "DependencyNotReady" or "Pending". Those are not failures.
   */
  static boolean soundsLikeProgress(String reason) {
    String r = reason.toLowerCase(Locale.ROOT);
    return r.contains("progress")
        || r.contains("reconcil")
        || r.contains("pending")
        || r.contains("waiting")
        || r.contains("notready")
        || r.contains("initializ")
        || r.contains("creating")
        || r.contains("updating")
        || r.contains("provisioning")
        || r.contains("inprogress");
  }
}
