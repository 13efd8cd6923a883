package dev.keelson.server.api;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.AppDiffer;
import dev.keelson.controller.engine.DesiredState;
import dev.keelson.controller.engine.FailureReason;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.core.model.Manifest;
import dev.keelson.kube.ApiDiscovery;
import dev.keelson.kube.KubeException;
import dev.keelson.kube.ResourceClient;
import dev.keelson.server.http.ApiError;
import dev.keelson.server.http.ErrorCode;
import dev.keelson.server.http.Exchange;
import dev.keelson.server.http.Routes;
import dev.keelson.server.view.DiffView;
import dev.keelson.server.view.ManifestsView;
import dev.keelson.server.view.ObjectManifests;
import dev.keelson.source.GitSourceCache;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What needs the destination cluster and Git, not only the index: the resource tree, desired and
 * live manifests, and the diff, through the same code paths as {@code keelson app manifests} and
 * {@code app diff}. Secret values are masked in all of them.
 */
public final class LiveStateApi {
  private final AppAccess access;
  private final Destinations destinations;
  private final KubernetesClient control;
  private final GitSourceCache git;
  private final Path cacheDir;
  private final ResourceTrees trees = new ResourceTrees();

  public LiveStateApi(AppAccess access, KubernetesClient control, String controllerNamespace, GitSourceCache git,
      Path cacheDir) {
    this.access = access;
    this.destinations = new Destinations(control, controllerNamespace);
    this.control = control;
    this.git = git;
    this.cacheDir = cacheDir;
  }

  public void register(Routes routes) {
    routes.get(ApplicationsApi.APP + "/resource-tree", this::tree);
    routes.get(ApplicationsApi.APP + "/manifests", this::manifests);
    routes.get(ApplicationsApi.APP + "/diff", this::diff);
    routes.get(ApplicationsApi.APP + "/logs", new LogsHandler(access, destinations, trees));
  }

  private void tree(Exchange ex) throws Exception {
    Application app = access.require(ex);
    try (var to = destinations.of(app)) {
      ex.json(trees.tree(app, to.client()));
    }
  }

  private void manifests(Exchange ex) throws Exception {
    Application app = access.require(ex);
    AppSettings settings = settings(app);
    try (var to = destinations.of(app)) {
      DesiredState desired = KeelsonController.desiredState(control, to.client(), git, cacheDir).build(settings, false);
      ResourceClient live = new ResourceClient(to.client(), new ApiDiscovery(to.client()));
      List<ObjectManifests> objects = new ArrayList<>();
      for (Manifest m : desired.objects()) {
        Map<String, Object> current;
        try {
          current = live.get(m.apiVersion(), m.key());
        } catch (KubeException e) {
          if (e.isTransient()) throw new ApiError(ErrorCode.upstream_failed, e.getMessage());
          current = null; // a kind not served yet: the object cannot exist
        }
        var k = m.key();
        objects.add(new ObjectManifests(k.group(), k.kind(), k.namespace(), k.name(), Masking.shown(m.body()),
            Masking.shown(current)));
      }
      ex.json(new ManifestsView(desired.revision(), objects));
    } catch (ReconcileFailure f) {
      throw failure(f);
    }
  }

  private void diff(Exchange ex) throws Exception {
    Application app = access.require(ex);
    AppSettings settings = settings(app);
    try (var to = destinations.of(app)) {
      AppDiffer.Report report = KeelsonController.differ(control, to.client(), git, cacheDir).diff(settings, app.getStatus());
      ex.json(new DiffView(report.revision(), report.different(), report.diffs().stream()
          .map(d -> new DiffView.ObjectDiff(d.key().group(), d.key().kind(), d.key().namespace(), d.key().name(), d.diff()))
          .toList()));
    } catch (ReconcileFailure f) {
      throw failure(f);
    }
  }

  private static AppSettings settings(Application app) {
    try {
      return AppSettings.of(app);
    } catch (IllegalArgumentException e) {
      throw new ApiError(ErrorCode.render_failed, "the app's spec is invalid: " + e.getMessage());
    }
  }

  static ApiError failure(ReconcileFailure f) {
    return new ApiError(f.isTransient() || f.reason() == FailureReason.ClusterUnreachable
        ? ErrorCode.upstream_failed : ErrorCode.render_failed, f.reason() + ": " + f.getMessage());
  }
}
