package dev.keelson.server.index;

import dev.keelson.core.health.HealthStatus;
import dev.keelson.server.view.ApplicationSummary;
import dev.keelson.server.view.SyncState;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The filters of a list, typed. Each present filter must hold; {@code search} is a
 * case-insensitive substring of namespace, name, project, cluster, repository URL or path.
 */
public record AppQuery(Optional<String> namespace, Optional<String> project, Optional<String> cluster,
    Optional<SyncState> sync, Optional<HealthStatus> health, List<LabelMatch> labels, Optional<String> search) {

  public AppQuery {
    labels = List.copyOf(labels);
    search = search.map(s -> s.toLowerCase(Locale.ROOT));
  }

  public static final AppQuery ALL = new AppQuery(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), List.of(), Optional.empty());

  /** Every filter but sync and health, which are facets of the counts. */
  boolean matchesBase(ApplicationSummary a) {
    if (namespace.isPresent() && !namespace.get().equals(a.namespace())) return false;
    if (project.isPresent() && !project.get().equals(a.project())) return false;
    if (cluster.isPresent() && !cluster.get().equals(a.cluster())) return false;
    for (LabelMatch l : labels) {
      if (!l.test(a.labels())) return false;
    }
    return search.isEmpty() || a.searchText().contains(search.get());
  }

  boolean matchesSync(ApplicationSummary a) {
    return sync.isEmpty() || sync.get() == a.sync();
  }

  boolean matchesHealth(ApplicationSummary a) {
    return health.isEmpty() || health.get() == a.health();
  }

  public boolean matches(ApplicationSummary a) {
    return matchesBase(a) && matchesSync(a) && matchesHealth(a);
  }
}
