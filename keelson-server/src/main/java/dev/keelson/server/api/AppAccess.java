package dev.keelson.server.api;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.auth.Action;
import dev.keelson.auth.Resource;
import dev.keelson.server.http.ApiError;
import dev.keelson.server.http.ErrorCode;
import dev.keelson.server.http.Exchange;
import dev.keelson.server.index.ApplicationIndex;
import dev.keelson.server.view.ApplicationSummary;
import java.util.Optional;

/**
 * One app looked up from the index and checked with the authoriser, and the object name the
 * authoriser knows it by. An app the subject may not get is answered 403; a missing app is
 * judged as if it were in the default project (403 unless the subject may get apps there, then
 * 404), so a subject with no rights learns nothing from trying names.
 */
public final class AppAccess {
  private final ApplicationIndex index;
  private final String controllerNamespace;

  public AppAccess(ApplicationIndex index, String controllerNamespace) {
    this.index = index;
    this.controllerNamespace = controllerNamespace;
  }

  /** Argo CD's object form: {@code <project>/<name>}, {@code <project>/<namespace>/<name>} outside the controller's namespace. */
  public String object(String project, String namespace, String name) {
    return namespace.equals(controllerNamespace) ? project + "/" + name : project + "/" + namespace + "/" + name;
  }

  public String object(ApplicationSummary a) {
    return object(a.project(), a.namespace(), a.name());
  }

  public boolean visible(Exchange ex, ApplicationSummary a) {
    return ex.allowed(Resource.applications, Action.get, object(a));
  }

  /** The app named by the path, once the subject may get it and also do {@code action} on it. */
  public Application require(Exchange ex, Resource resource, Action action) {
    String ns = ex.path("namespace");
    String name = ex.path("name");
    Optional<Application> app = index.get(ns, name);
    String project = app.map(a -> a.getSpec() == null || a.getSpec().project == null || a.getSpec().project.isBlank()
        ? ApplicationSummary.DEFAULT_PROJECT : a.getSpec().project).orElse(ApplicationSummary.DEFAULT_PROJECT);
    String object = object(project, ns, name);
    ex.authorize(Resource.applications, Action.get, object);
    if (app.isEmpty()) throw new ApiError(ErrorCode.not_found, "application " + ns + "/" + name + " not found");
    if (resource != Resource.applications || action != Action.get) ex.authorize(resource, action, object);
    return app.get();
  }

  public Application require(Exchange ex) {
    return require(ex, Resource.applications, Action.get);
  }

  public ApplicationIndex index() {
    return index;
  }
}
