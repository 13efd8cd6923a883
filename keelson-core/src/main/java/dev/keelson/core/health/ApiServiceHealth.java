package dev.keelson.core.health;

import java.util.Map;
import java.util.Optional;

/**
 * APIService: as in Argo CD. An unavailable aggregated API is reported as Progressing, not
 * Degraded: it usually waits for the Deployment behind it, which is assessed on its own.
 */
final class ApiServiceHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> apiService) {
    Optional<Condition> available = Fields.condition(apiService, "Available");
    if (available.isEmpty()) {
      return Health.progressing("Waiting to be processed");
    }
    Condition c = available.get();
    String message = c.reason() + (c.message().isEmpty() ? "" : ": " + c.message());
    return c.isTrue() ? Health.healthy(message) : Health.progressing(message);
  }
}
