package dev.keelson.core.project;

import dev.keelson.core.schedule.SyncWindowSpec;
import java.util.List;
import java.util.Objects;

/**
 * An AppProject's rules in typed form. The implicit {@code default} project ({@link #ALLOW_ALL})
 * allows everything; a defined project allows only what its lists say, with Argo CD's meaning of an
 * empty list: no sources, no destinations and no cluster-scoped kinds, but every namespaced kind.
 */
public record ProjectRules(ProjectId id, List<Glob> sourceRepos, List<DestinationRule> destinations,
    List<KindRule> clusterWhitelist, List<KindRule> clusterBlacklist, List<KindRule> namespacedWhitelist,
    List<KindRule> namespacedBlacklist, List<ProjectWindow> windows, List<Glob> sourceNamespaces,
    List<ServiceAccountRule> serviceAccounts) {

  public static final ProjectRules ALLOW_ALL = new ProjectRules(ProjectId.IMPLICIT_DEFAULT, List.of(), List.of(),
      List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public ProjectRules {
    Objects.requireNonNull(id, "id");
    sourceRepos = List.copyOf(sourceRepos);
    destinations = List.copyOf(destinations);
    clusterWhitelist = List.copyOf(clusterWhitelist);
    clusterBlacklist = List.copyOf(clusterBlacklist);
    namespacedWhitelist = List.copyOf(namespacedWhitelist);
    namespacedBlacklist = List.copyOf(namespacedBlacklist);
    windows = List.copyOf(windows);
    sourceNamespaces = List.copyOf(sourceNamespaces);
    serviceAccounts = List.copyOf(serviceAccounts);
  }

  public boolean allowsEverything() {
    return id instanceof ProjectId.ImplicitDefault;
  }

  /**
   * One {@code destinations} entry. A cluster matches by server or by name (either may be absent);
   * an absent namespace matches only cluster-scoped objects, as in Argo CD. An entry with a negated
   * field ({@code !}) is a denial: it matches when its other fields match and the negated ones' patterns do.
   */
  public record DestinationRule(Glob server, Glob name, Glob namespace) {
    public boolean denies() {
      return (server != null && server.negated()) || (name != null && name.negated())
          || (namespace != null && namespace.negated());
    }

    public boolean matches(DestinationCluster cluster, String ns) {
      boolean clusterMatches = (server != null && server.matches(cluster.server()))
          || (name != null && name.matches(cluster.name()));
      boolean namespaceMatches = namespace == null ? ns.isEmpty() : namespace.matches(ns);
      return clusterMatches && namespaceMatches;
    }

    @Override
    public String toString() {
      return "{" + (server != null ? "server: " + server : "name: " + name)
          + (namespace != null ? ", namespace: " + namespace : "") + "}";
    }
  }

  /** A kind in a white- or blacklist; group and kind are globs, the core group is empty. */
  public record KindRule(Glob group, Glob kind) {
    public boolean matches(String g, String k) {
      return group.matches(g) && kind.matches(k);
    }

    @Override
    public String toString() {
      return (group.text().isEmpty() ? "\"\"" : group.text()) + "/" + kind.text();
    }
  }

  /**
   * A project's sync window and the apps it applies to: those whose name, destination namespace or
   * destination cluster (server or name) matches one of the lists.
   */
  public record ProjectWindow(SyncWindowSpec spec, List<Glob> applications, List<Glob> namespaces,
      List<Glob> clusters) {
    public ProjectWindow {
      applications = List.copyOf(applications);
      namespaces = List.copyOf(namespaces);
      clusters = List.copyOf(clusters);
    }

    public boolean appliesTo(String app, String namespace, DestinationCluster cluster) {
      return applications.stream().anyMatch(g -> g.matches(app))
          || namespaces.stream().anyMatch(g -> g.matches(namespace))
          || clusters.stream().anyMatch(g -> g.matches(cluster.server()) || g.matches(cluster.name()));
    }
  }

  /** A {@code destinationServiceAccounts} entry: the account for destinations matching server and namespace. */
  public record ServiceAccountRule(Glob server, Glob namespace, String account) {
    public boolean matches(DestinationCluster cluster, String ns) {
      return server.matches(cluster.server()) && namespace.matches(ns);
    }
  }
}
