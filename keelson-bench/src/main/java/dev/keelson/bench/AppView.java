package dev.keelson.bench;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;

/** The part of an Application's status the benchmark waits on. */
record AppView(String sync, String health, String revision, String message) {
  static AppView of(Application app) {
    ApplicationStatus s = app.getStatus();
    if (s == null) return new AppView("", "", "", "");
    String message = "";
    if (s.conditions != null) {
      message = s.conditions.stream()
          .filter(c -> "Ready".equals(c.getType()) && !"True".equals(c.getStatus()))
          .map(c -> c.getMessage() == null ? "" : c.getMessage())
          .findFirst().orElse("");
    }
    return new AppView(
        s.sync == null || s.sync.status == null ? "" : s.sync.status,
        s.health == null || s.health.status == null ? "" : s.health.status,
        s.sync == null || s.sync.revision == null ? "" : s.sync.revision,
        message);
  }

  boolean synced() {
    return "Synced".equals(sync);
  }

  boolean syncedAt(String sha) {
    return synced() && sha.equals(revision);
  }

  boolean readyAt(String sha) {
    return syncedAt(sha) && "Healthy".equals(health);
  }

  boolean outOfSync() {
    return "OutOfSync".equals(sync);
  }

  @Override
  public String toString() {
    String s = (sync.isEmpty() ? "no status" : sync) + "/" + (health.isEmpty() ? "-" : health)
        + (revision.isEmpty() ? "" : " at " + revision.substring(0, Math.min(8, revision.length())));
    return message.isEmpty() ? s : s + " (" + message + ")";
  }
}
