package dev.keelson.core.project;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.schedule.SyncWindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a project allows an app: its source, its destination, every object it would write (hooks
 * included), the projects of the Applications it creates (app of apps), its sync windows and the
 * ServiceAccount it acts as. Pure: the caller resolves projects and clusters.
 */
public final class ProjectCheck {
  /** Keelson's group: an Application or AppProject among an app's objects is one Keelson acts on. */
  static final String GROUP = "keelson.dev";

  private ProjectCheck() {}

  /**
   * The app itself: its repository and its destination.
   *
   * @param repoUrl the source's repository (Git, or the Helm repository of a chart)
   * @param namespace the destination namespace (objects without one go there)
   */
  public static List<Violation> app(ProjectRules rules, String repoUrl, DestinationCluster cluster, String namespace) {
    if (rules.allowsEverything()) return List.of();
    List<Violation> out = new ArrayList<>();
    if (!permitted(rules.sourceRepos(), repoUrl)) {
      out.add(new Violation("sourceRepos", rules.id() + ": repository " + repoUrl
          + " is not permitted by sourceRepos " + rules.sourceRepos()));
    }
    destinationRefusal(rules, cluster, namespace)
        .ifPresent(why -> out.add(new Violation("destinations", rules.id() + ": " + why)));
    return out;
  }

  /**
   * An Application outside the project's namespace may use it only when the project lives in
   * another namespace than the app and lists the app's namespace in {@code sourceNamespaces}; one in
   * the project's own namespace always may.
   */
  public static Optional<Violation> sourceNamespace(ProjectRules rules, String appNamespace) {
    if (!(rules.id() instanceof ProjectId.Found found) || found.namespace().equals(appNamespace)) {
      return Optional.empty();
    }
    if (permitted(rules.sourceNamespaces(), appNamespace)) return Optional.empty();
    return Optional.of(new Violation("sourceNamespaces", rules.id() + ": Applications in namespace " + appNamespace
        + " may not use it (sourceNamespaces " + rules.sourceNamespaces() + ")"));
  }

  /**
   * Every object the app would write: its kind (white- and blacklists by scope), its namespace (a
   * permitted destination), and for an Application or AppProject, that it stays in the project.
   *
   * @param childProject resolves the project an Application in a namespace would follow
   */
  public static List<Violation> objects(ProjectRules rules, DestinationCluster cluster, List<Manifest> objects,
      BiFunction<String, String, Optional<ProjectId>> childProject) {
    if (rules.allowsEverything()) return List.of();
    List<Violation> out = new ArrayList<>();
    for (Manifest m : objects) {
      ResourceKey key = m.key();
      String where = m.origin() + " (" + key + ")";
      boolean namespaced = !key.namespace().isEmpty();
      if (namespaced) {
        if (!rules.namespacedWhitelist().isEmpty() && none(rules.namespacedWhitelist(), key)) {
          out.add(new Violation("namespaceResourceWhitelist", rules.id() + ": " + where + ": kind "
              + groupKind(key) + " is not in namespaceResourceWhitelist " + rules.namespacedWhitelist()));
        } else if (!none(rules.namespacedBlacklist(), key)) {
          out.add(new Violation("namespaceResourceBlacklist", rules.id() + ": " + where + ": kind "
              + groupKind(key) + " is in namespaceResourceBlacklist " + rules.namespacedBlacklist()));
        }
        destinationRefusal(rules, cluster, key.namespace())
            .ifPresent(why -> out.add(new Violation("destinations", rules.id() + ": " + where + ": " + why)));
      } else if (none(rules.clusterWhitelist(), key)) {
        out.add(new Violation("clusterResourceWhitelist", rules.id() + ": " + where + ": cluster-scoped kind "
            + groupKind(key) + " is not in clusterResourceWhitelist " + rules.clusterWhitelist()));
      } else if (!none(rules.clusterBlacklist(), key)) {
        out.add(new Violation("clusterResourceBlacklist", rules.id() + ": " + where + ": cluster-scoped kind "
            + groupKind(key) + " is in clusterResourceBlacklist " + rules.clusterBlacklist()));
      }
      if (GROUP.equals(key.group()) && key.kind().equals("AppProject")) {
        out.add(new Violation("project", rules.id() + ": " + where
            + ": only apps of the implicit default project may create AppProjects"));
      }
      if (GROUP.equals(key.group()) && key.kind().equals("Application")) {
        child(rules, where, m, childProject).ifPresent(out::add);
      }
    }
    return out;
  }

  /** The windows of the project that apply to the app. */
  public static List<SyncWindowSpec> windows(ProjectRules rules, String app, String namespace,
      DestinationCluster cluster) {
    return rules.windows().stream().filter(w -> w.appliesTo(app, namespace, cluster))
        .map(ProjectRules.ProjectWindow::spec).toList();
  }

  /** The ServiceAccount the project says the app acts as on its destination, if any entry matches. */
  public static Optional<ServiceAccountRef> serviceAccount(ProjectRules rules, DestinationCluster cluster,
      String namespace) {
    return rules.serviceAccounts().stream().filter(r -> r.matches(cluster, namespace)).findFirst()
        .map(r -> ServiceAccountRef.parse(r.account(), namespace));
  }

  private static Optional<Violation> child(ProjectRules rules, String where, Manifest m,
      BiFunction<String, String, Optional<ProjectId>> childProject) {
    Object spec = m.body().get("spec");
    Object named = spec instanceof Map<?, ?> s ? s.get("project") : null;
    String project = named instanceof String p && !p.isBlank() ? p.strip() : "default";
    Optional<ProjectId> resolved = childProject.apply(m.key().namespace(), project);
    if (project.equals(rules.id().name()) && resolved.isPresent() && resolved.get().equals(rules.id())) {
      return Optional.empty();
    }
    String found = resolved.map(id -> id instanceof ProjectId.Found ? " (" + id + ")" : "").orElse(" (no such project)");
    return Optional.of(new Violation("project", rules.id() + ": " + where + ": the Application names project "
        + project + found + "; an app may only create Applications of its own project"));
  }

  /** Why the destination is not permitted, or empty when it is. */
  private static Optional<String> destinationRefusal(ProjectRules rules, DestinationCluster cluster, String namespace) {
    boolean allowed = rules.destinations().stream().anyMatch(d -> !d.denies() && d.matches(cluster, namespace));
    Optional<ProjectRules.DestinationRule> denied = rules.destinations().stream()
        .filter(d -> d.denies() && d.matches(cluster, namespace)).findFirst();
    if (allowed && denied.isEmpty()) return Optional.empty();
    String why = denied.map(d -> "is denied by destinations entry " + d)
        .orElse("is not permitted by destinations " + rules.destinations());
    return Optional.of("destination cluster " + cluster + (namespace.isEmpty() ? "" : " namespace " + namespace)
        + " " + why);
  }

  /** Permitted by a list of globs with denials: some plain pattern matches and no negated one does. */
  static boolean permitted(List<Glob> globs, String value) {
    boolean allowed = globs.stream().anyMatch(g -> !g.negated() && g.matches(value));
    boolean denied = globs.stream().anyMatch(g -> g.negated() && g.matches(value));
    return allowed && !denied;
  }

  private static boolean none(List<ProjectRules.KindRule> rules, ResourceKey key) {
    return rules.stream().noneMatch(r -> r.matches(key.group(), key.kind()));
  }

  private static String groupKind(ResourceKey key) {
    return (key.group().isEmpty() ? "" : key.group() + "/") + key.kind();
  }
}
