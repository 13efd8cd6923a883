package dev.keelson.core.health;

import java.util.Map;

/**
 * A Keelson Application managed by another one (app of apps): the child's own health, as it
 * reports it in its status, so that the parent is Healthy only once every child is. A child that
 * has not yet reconciled its latest spec is Progressing, whatever its status said before.
 */
final class ApplicationHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> app) {
    String reported = Fields.string(app, "status", "health", "status");
    if (reported.isEmpty()) {
      return Health.progressing("waiting for the application to report its health");
    }
    if (Fields.observedGeneration(app) < Fields.generation(app)) {
      return Health.progressing("application has not yet reconciled its latest spec");
    }
    HealthStatus status;
    try {
      status = HealthStatus.valueOf(reported);
    } catch (IllegalArgumentException e) {
      return Health.unknown("application reports health " + reported);
    }
    String message = Fields.string(app, "status", "health", "message");
    return new Health(status, message.isEmpty() ? "application is " + reported : message);
  }
}
