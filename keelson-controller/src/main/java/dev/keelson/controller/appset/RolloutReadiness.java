package dev.keelson.controller.appset;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.core.appset.GeneratorException;
import dev.keelson.core.appset.RollingSync.Readiness;
import java.util.Objects;

/**
 * Whether a generated app has rolled out: its status is of its current generation (never a stale
 * one, Argo CD #29410), it is Synced to the revision its source resolves to now, and Healthy.
 */
final class RolloutReadiness {
  /** The commit a Git source resolves to now. */
  interface Revisions {
    String current(String repoURL, String revision) throws GeneratorException;
  }

  private RolloutReadiness() {}

  static Readiness of(Application app, Revisions revisions) {
    ApplicationStatus s = app.getStatus();
    if (s == null) return new Readiness.NotReady("no status yet");
    Long generation = app.getMetadata().getGeneration();
    if (!Objects.equals(s.observedGeneration, generation)) {
      return new Readiness.NotReady("status is of generation " + s.observedGeneration + ", the app is at " + generation);
    }
    if (s.sync == null || !"Synced".equals(s.sync.status)) {
      return new Readiness.NotReady(s.sync == null ? "not compared yet" : s.sync.status);
    }
    var source = app.getSpec() == null ? null : app.getSpec().source;
    if (source != null && (source.chart == null || source.chart.isBlank())) {
      String current;
      try {
        current = revisions.current(source.repoURL, source.revision == null ? "" : source.revision);
      } catch (GeneratorException e) {
        return new Readiness.NotReady("cannot resolve the current revision: " + e.getMessage());
      }
      if (!current.equals(s.sync.revision)) {
        return new Readiness.NotReady("synced to " + abbrev(s.sync.revision) + ", the current revision is " + abbrev(current));
      }
    }
    if (s.health == null || !"Healthy".equals(s.health.status)) {
      return new Readiness.NotReady("health " + (s.health == null ? "unknown" : s.health.status));
    }
    return new Readiness.Ready();
  }

  private static String abbrev(String sha) {
    return sha == null ? "nothing" : sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
