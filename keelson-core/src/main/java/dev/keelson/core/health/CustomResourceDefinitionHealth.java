package dev.keelson.core.health;

import java.util.Map;
import java.util.Optional;

/** CustomResourceDefinition: as Argo CD's built-in CRD check. */
final class CustomResourceDefinitionHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> crd) {
    Optional<Condition> nonStructural =
        Fields.condition(crd, "NonStructuralSchema").filter(Condition::isTrue);
    if (nonStructural.isPresent()) {
      return Health.degraded(nonStructural.get().explanation());
    }
    Optional<Condition> namesRejected =
        Fields.condition(crd, "NamesAccepted").filter(Condition::isFalse);
    if (namesRejected.isPresent()) {
      // Another CRD already claims the plural/kind: this one will never serve.
      return Health.degraded(
          "CRD names have not been accepted: " + namesRejected.get().explanation());
    }
    if (Fields.condition(crd, "Established").filter(Condition::isTrue).isPresent()) {
      return Health.healthy("CRD is established");
    }
    return Health.progressing("CRD is not established");
  }
}
