package dev.keelson.controller.runtime;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.SyncSettings.DependencyRef;
import dev.keelson.controller.engine.Dependencies;
import dev.keelson.core.cel.CelEvaluationException;
import dev.keelson.core.deps.DependencyGraph;
import dev.keelson.core.deps.ReadyExpression;
import dev.keelson.kube.KubeObjects;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Dependencies of one app, read from the controller's cache of Applications: no request to the
 * API server per reconcile. Apps are named namespace/name.
 */
public final class AppDependencies implements Dependencies {
  private final Application self;
  private final List<DependencyRef> deps;
  private final Function<ResourceID, Optional<Application>> apps;

  AppDependencies(Application self, List<DependencyRef> deps, IndexedResourceCache<Application> apps) {
    this(self, deps, apps::get);
  }

  private AppDependencies(Application self, List<DependencyRef> deps, Function<ResourceID, Optional<Application>> apps) {
    this.self = self;
    this.deps = deps;
    this.apps = apps;
  }

  /** The same over Applications read once (`keelson plan`), not the controller's cache. */
  public static AppDependencies among(Application self, List<DependencyRef> deps, Collection<Application> all) {
    Map<ResourceID, Application> byId = new java.util.HashMap<>();
    for (Application a : all) byId.put(ResourceID.fromResource(a), a);
    return new AppDependencies(self, deps, id -> Optional.ofNullable(byId.get(id)));
  }

  @Override
  public Optional<List<String>> cycle() {
    if (deps.isEmpty()) return Optional.empty();
    return DependencyGraph.findCycle(id(self), this::edges);
  }

  @Override
  public Optional<String> notReady() {
    Map<String, Object> selfMap = null;
    for (DependencyRef d : deps) {
      String ns = d.namespace() == null ? self.getMetadata().getNamespace() : d.namespace();
      Application dep = apps.apply(new ResourceID(d.name(), ns)).orElse(null);
      if (dep == null) return Optional.of("waiting for application " + ns + "/" + d.name() + ": not found");
      Map<String, Object> depMap = KubeObjects.toMap(dep);
      if (d.readyExpr() == null) {
        if (!ReadyExpression.defaultReady(depMap)) {
          return Optional.of("waiting for application " + ns + "/" + d.name() + " to be Synced and Healthy");
        }
        continue;
      }
      if (selfMap == null) selfMap = KubeObjects.toMap(self);
      try {
        if (!ReadyExpression.compile(d.readyExpr()).isReady(depMap, selfMap)) {
          return Optional.of("waiting for application " + ns + "/" + d.name() + ": readyExpr is false");
        }
      } catch (CelEvaluationException | IllegalArgumentException e) {
        return Optional.of("dependsOn " + ns + "/" + d.name() + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Apps of this namespace or any other whose dependsOn names the given app. */
  static List<String> dependents(Application app, IndexedResourceCache<Application> apps) {
    String me = id(app);
    List<String> out = new ArrayList<>();
    apps.list().forEach(other -> {
      if (other.getSpec() == null || other.getSpec().dependsOn == null) return;
      for (var d : other.getSpec().dependsOn) {
        if (me.equals(target(other, d))) out.add(id(other));
      }
    });
    return out;
  }

  private Collection<String> edges(String appId) {
    int slash = appId.indexOf('/');
    Optional<Application> app = apps.apply(new ResourceID(appId.substring(slash + 1), appId.substring(0, slash)));
    if (app.isEmpty() || app.get().getSpec() == null || app.get().getSpec().dependsOn == null) return List.of();
    List<String> out = new ArrayList<>();
    for (var d : app.get().getSpec().dependsOn) {
      if (d == null || d.name == null) continue;
      out.add(target(app.get(), d));
    }
    return out;
  }

  /** The app a dependency names, as namespace/name: its namespace defaults to the depending app's. */
  private static String target(Application app, dev.keelson.api.v1alpha1.Dependency d) {
    String ns = d.namespace == null || d.namespace.isBlank() ? app.getMetadata().getNamespace() : d.namespace;
    return ns + "/" + d.name;
  }

  private static String id(Application app) {
    return app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
  }
}
