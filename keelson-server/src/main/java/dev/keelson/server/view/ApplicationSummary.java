package dev.keelson.server.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.core.health.HealthStatus;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a list shows of one app: a few hundred bytes instead of the whole status (history,
 * resources, operation results), made once per change of the app, not once per request.
 *
 * @param cluster the destination as the spec names it: its server URL, its name, or {@code in-cluster}
 * @param revision the commit last rendered
 * @param operationPhase Running, Succeeded, Failed or Terminated; null when no operation ran
 */
public record ApplicationSummary(String namespace, String name, String project, String cluster,
    String destinationNamespace, String repoURL, String path, String targetRevision, SyncState sync,
    String revision, HealthStatus health, String healthMessage, String operationPhase, boolean suspended,
    String lastSyncedAt, Map<String, String> labels, @JsonIgnore String searchText) {

  public static final String DEFAULT_PROJECT = "default";
  public static final String IN_CLUSTER = "in-cluster";

  public static ApplicationSummary of(Application app) {
    var meta = app.getMetadata();
    var spec = app.getSpec();
    ApplicationStatus status = app.getStatus();
    String project = spec == null || blank(spec.project) ? DEFAULT_PROJECT : spec.project;
    var dest = spec == null ? null : spec.destination;
    String cluster = dest == null ? IN_CLUSTER
        : !blank(dest.server) ? dest.server : !blank(dest.name) ? dest.name : IN_CLUSTER;
    var source = spec == null ? null : spec.source;
    String repo = source == null ? null : source.repoURL;
    String path = source == null ? null : source.path;
    HealthStatus health = HealthStatus.Unknown;
    String healthMessage = null;
    if (status != null && status.health != null && status.health.status != null) {
      try {
        health = HealthStatus.valueOf(status.health.status);
      } catch (IllegalArgumentException e) {
        health = HealthStatus.Unknown;
      }
      healthMessage = blank(status.health.message) ? null : status.health.message;
    }
    String search = String.join("\n", meta.getNamespace(), meta.getName(), project, cluster,
        repo == null ? "" : repo, path == null ? "" : path).toLowerCase(Locale.ROOT);
    return new ApplicationSummary(meta.getNamespace(), meta.getName(), project, cluster,
        dest == null ? null : dest.namespace, repo, path, source == null ? null : source.revision,
        status == null || status.sync == null ? SyncState.Unknown : SyncState.of(status.sync.status),
        status == null || status.sync == null ? null : status.sync.revision,
        health, healthMessage,
        status == null || status.operationState == null ? null : status.operationState.phase,
        spec != null && Boolean.TRUE.equals(spec.suspend),
        status == null ? null : status.lastSyncedAt,
        meta.getLabels() == null ? Map.of() : new TreeMap<>(meta.getLabels()),
        search);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
