package dev.keelson.core.health;

import java.util.Map;

/** Namespace: healthy while active; a terminating namespace is on its way out. */
final class NamespaceHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> ns) {
    if (Fields.string(ns, "status", "phase").equals("Terminating")) {
      return Health.progressing("Namespace is terminating");
    }
    return Health.healthy();
  }
}
