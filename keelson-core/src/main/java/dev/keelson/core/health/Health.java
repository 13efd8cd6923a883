package dev.keelson.core.health;

import java.util.Objects;

/**
 * Assessed health of one object.
 *
 * @param status the verdict
 * @param message why, in the words of the controller where possible; empty when there is nothing
 *     to add
 */
public record Health(HealthStatus status, String message) {
  public Health {
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
  }

  public static Health healthy() {
    return new Health(HealthStatus.Healthy, "");
  }

  public static Health healthy(String message) {
    return new Health(HealthStatus.Healthy, message);
  }

  public static Health progressing(String message) {
    return new Health(HealthStatus.Progressing, message);
  }

  public static Health degraded(String message) {
    return new Health(HealthStatus.Degraded, message);
  }

  public static Health suspended(String message) {
    return new Health(HealthStatus.Suspended, message);
  }

  public static Health missing() {
    return new Health(HealthStatus.Missing, "");
  }

  public static Health unknown(String message) {
    return new Health(HealthStatus.Unknown, message);
  }

  @Override
  public String toString() {
    return message.isEmpty() ? status.name() : status + ": " + message;
  }
}
