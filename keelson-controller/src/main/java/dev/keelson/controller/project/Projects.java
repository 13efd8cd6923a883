package dev.keelson.controller.project;

import dev.keelson.api.v1alpha1.AppProject;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.app.ProjectScope;
import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.fleet.Identity;
import dev.keelson.core.project.DestinationCluster;
import dev.keelson.core.project.ProjectCheck;
import dev.keelson.core.project.ProjectId;
import dev.keelson.core.project.ProjectRules;
import dev.keelson.core.project.ServiceAccountRef;
import dev.keelson.core.project.Violation;
import dev.keelson.core.tracking.AppRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The AppProjects, read through informers, and what they make of each app: its rules on its
 * destination, the sync windows it shares, and whom it acts as. A project is looked up in the
 * app's namespace first, then in the controller's; {@code default} with no AppProject of that name
 * allows everything. A change of a project reconciles the apps that name it at once.
 */
public final class Projects implements AutoCloseable {
  private final String controllerNamespace;
  private final List<SharedIndexInformer<AppProject>> informers = new ArrayList<>();
  /** Each project by namespace/name, read once per change. */
  private final Map<String, Read> projects = new ConcurrentHashMap<>();
  /** The project name each app asked for last, so that a change of that project reaches it. */
  private final Map<AppRef, String> asked = new ConcurrentHashMap<>();
  private final Consumer<AppRef> changed;

  /** A project's rules, or why they cannot be read. */
  private record Read(ProjectRules rules, IllegalArgumentException error) {
    static Read of(AppProject p) {
      try {
        return new Read(ProjectReader.read(p), null);
      } catch (IllegalArgumentException e) {
        return new Read(null, e);
      }
    }
  }

  /**
   * What the app may do and as whom.
   *
   * @param settings the app's settings under its project (its windows joined, its scope set)
   */
  public record Placement(AppSettings settings, Identity identity) {}

  /**
   * @param namespaces the namespaces whose Applications the controller serves (empty: all); the
   *     controller's own is watched for projects too
   * @param changed reconciles an app whose project changed
   */
  public Projects(KubernetesClient client, String controllerNamespace, Set<String> namespaces,
      Consumer<AppRef> changed) {
    this.controllerNamespace = controllerNamespace;
    this.changed = changed;
    ResourceEventHandler<AppProject> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(AppProject p) {
        put(p);
      }

      @Override
      public void onUpdate(AppProject old, AppProject p) {
        put(p);
      }

      @Override
      public void onDelete(AppProject p, boolean unknownFinalState) {
        projects.remove(key(p.getMetadata().getNamespace(), p.getMetadata().getName()));
        notifyApps(p.getMetadata().getName());
      }
    };
    var all = client.resources(AppProject.class);
    if (namespaces.isEmpty()) {
      informers.add(all.inAnyNamespace().inform(handler));
    } else {
      java.util.TreeSet<String> watched = new java.util.TreeSet<>(namespaces);
      watched.add(controllerNamespace);
      watched.forEach(ns -> informers.add(all.inNamespace(ns).inform(handler)));
    }
  }

  /**
   * Resolves the app's project and checks the app itself against it (the namespace it lives in,
   * its repository, its destination); the engine checks every object it renders with the scope.
   *
   * @throws ReconcileFailure {@link FailureReason#ProjectViolation} naming the project and the rule
   */
  public Placement place(AppSettings app, DestinationCluster cluster) throws ReconcileFailure {
    String name = app.tenancy().project();
    asked.put(app.ref(), name);
    ProjectRules rules = resolve(app.ref().namespace(), name);
    List<Violation> refused = new ArrayList<>();
    ProjectCheck.sourceNamespace(rules, app.ref().namespace()).ifPresent(refused::add);
    refused.addAll(ProjectCheck.app(rules, app.repoUrl(), cluster, app.destinationNamespace()));
    if (!refused.isEmpty()) {
      throw new ReconcileFailure(FailureReason.ProjectViolation, "not permitted by the project, nothing applied: "
          + String.join("; ", refused.stream().map(Violation::message).toList()));
    }
    ProjectScope scope = new ProjectScope(rules, cluster, this::lookup);
    AppSettings placed = app.inProject(scope,
        ProjectCheck.windows(rules, app.ref().name(), app.destinationNamespace(), cluster));
    return new Placement(placed, identity(app, rules, cluster));
  }

  /**
   * Whom the app acts as even where its project cannot be resolved any more (deleting its objects):
   * its project's account when the project still exists, else its own.
   */
  public Identity identityForDeletion(AppSettings app, DestinationCluster cluster) throws ReconcileFailure {
    ProjectRules rules;
    try {
      rules = resolve(app.ref().namespace(), app.tenancy().project());
    } catch (ReconcileFailure e) {
      rules = ProjectRules.ALLOW_ALL;
    }
    return identity(app, rules, cluster);
  }

  /** The app is gone: a change of its project no longer concerns it. */
  public void forget(AppRef app) {
    asked.remove(app);
  }

  /**
   * The project's {@code destinationServiceAccounts} entry for the destination, else the app's own
   * {@code serviceAccountName} (which names an account of the app's namespace only, as in Flux, so
   * that no app can borrow another namespace's rights), else the controller.
   */
  private static Identity identity(AppSettings app, ProjectRules rules, DestinationCluster cluster)
      throws ReconcileFailure {
    Optional<ServiceAccountRef> fromProject;
    try {
      fromProject = ProjectCheck.serviceAccount(rules, cluster, app.destinationNamespace());
    } catch (IllegalArgumentException e) {
      throw new ReconcileFailure(FailureReason.ProjectViolation, rules.id() + ": destinationServiceAccounts: "
          + e.getMessage());
    }
    if (fromProject.isPresent()) return new Identity.As(fromProject.get());
    String own = app.tenancy().serviceAccountName();
    if (own == null) return Identity.CONTROLLER;
    if (own.contains(":") || own.contains("/")) {
      throw new ReconcileFailure(FailureReason.InvalidSpec, "spec.serviceAccountName: '" + own
          + "' must name a ServiceAccount of the Application's namespace " + app.ref().namespace());
    }
    return new Identity.As(new ServiceAccountRef(app.ref().namespace(), own));
  }

  private ProjectRules resolve(String appNamespace, String name) throws ReconcileFailure {
    for (String ns : List.of(appNamespace, controllerNamespace)) {
      Read r = projects.get(key(ns, name));
      if (r == null) continue;
      if (r.error() != null) throw new ReconcileFailure(FailureReason.ProjectViolation, r.error().getMessage());
      return r.rules();
    }
    if (name.equals(AppProject.DEFAULT)) return ProjectRules.ALLOW_ALL;
    throw new ReconcileFailure(FailureReason.ProjectViolation, "spec.project: no AppProject " + name
        + " in namespace " + appNamespace + (appNamespace.equals(controllerNamespace) ? "" : " or " + controllerNamespace));
  }

  /** The project an Application in {@code namespace} naming {@code name} would follow. */
  private Optional<ProjectId> lookup(String namespace, String name) {
    try {
      return Optional.of(resolve(namespace, name).id());
    } catch (ReconcileFailure e) {
      return Optional.empty();
    }
  }

  private void put(AppProject p) {
    projects.put(key(p.getMetadata().getNamespace(), p.getMetadata().getName()), Read.of(p));
    notifyApps(p.getMetadata().getName());
  }

  private void notifyApps(String name) {
    asked.forEach((app, project) -> {
      if (project.equals(name)) changed.accept(app);
    });
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
