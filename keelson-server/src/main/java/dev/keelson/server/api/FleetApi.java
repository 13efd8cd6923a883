package dev.keelson.server.api;

import dev.keelson.api.v1alpha1.AppProject;
import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.auth.Action;
import dev.keelson.auth.Resource;
import dev.keelson.controller.app.ClusterRef;
import dev.keelson.controller.fleet.ClusterSecret;
import dev.keelson.controller.fleet.ClusterSecrets;
import dev.keelson.server.http.Exchange;
import dev.keelson.server.http.Routes;
import dev.keelson.server.view.ApplicationSetView;
import dev.keelson.server.view.ApplicationSummary;
import dev.keelson.server.view.ClusterView;
import dev.keelson.server.view.ProjectView;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clusters, projects and ApplicationSets, read-only, each filtered by the authoriser: clusters
 * by server URL, projects by name, ApplicationSets by {@code <project>/<name>} of the project
 * their template names.
 */
public final class FleetApi {
  private final KubernetesClient client;
  private final String controllerNamespace;

  public FleetApi(KubernetesClient client, String controllerNamespace) {
    this.client = client;
    this.controllerNamespace = controllerNamespace;
  }

  public void register(Routes routes) {
    routes.get("/api/v1/clusters", this::clusters);
    routes.get("/api/v1/projects", this::projects);
    routes.get("/api/v1/applicationsets", this::applicationSets);
  }

  private void clusters(Exchange ex) throws Exception {
    Map<String, ClusterView> byServer = new LinkedHashMap<>();
    byServer.put(ClusterRef.IN_CLUSTER_SERVER,
        new ClusterView(ClusterRef.IN_CLUSTER_NAME, ClusterRef.IN_CLUSTER_SERVER, Map.of()));
    for (String label : List.of(ClusterSecrets.TYPE_LABEL, ClusterSecrets.ARGOCD_TYPE_LABEL)) {
      for (Secret s : client.secrets().inNamespace(controllerNamespace).withLabel(label, ClusterSecrets.CLUSTER)
          .list().getItems()) {
        try {
          ClusterSecret c = ClusterSecrets.parse(s);
          byServer.putIfAbsent(c.server(), new ClusterView(c.name(), c.server(), c.labels()));
        } catch (IllegalArgumentException e) {
          // a Secret that describes no usable cluster is no cluster to show
        }
      }
    }
    List<ClusterView> items = byServer.values().stream()
        .filter(c -> ex.allowed(Resource.clusters, Action.get, c.server())).toList();
    ex.json(new ClusterView.ClusterList(items));
  }

  private void projects(Exchange ex) throws Exception {
    List<ProjectView> items = new ArrayList<>();
    for (AppProject p : client.resources(AppProject.class).inAnyNamespace().list().getItems()) {
      if (!ex.allowed(Resource.projects, Action.get, p.getMetadata().getName())) continue;
      items.add(new ProjectView(p.getMetadata().getNamespace(), p.getMetadata().getName(), p.getSpec()));
    }
    items.sort(Comparator.comparing(ProjectView::namespace).thenComparing(ProjectView::name));
    ex.json(new ProjectView.ProjectList(items));
  }

  private void applicationSets(Exchange ex) throws Exception {
    List<ApplicationSetView> items = new ArrayList<>();
    for (ApplicationSet s : client.resources(ApplicationSet.class).inAnyNamespace().list().getItems()) {
      var t = s.getSpec() == null ? null : s.getSpec().template;
      String project = t == null || t.spec == null || t.spec.project == null || t.spec.project.isBlank()
          || t.spec.project.contains("{{") ? ApplicationSummary.DEFAULT_PROJECT : t.spec.project;
      if (!ex.allowed(Resource.applicationsets, Action.get, project + "/" + s.getMetadata().getName())) continue;
      items.add(new ApplicationSetView(s.getMetadata().getNamespace(), s.getMetadata().getName(), s.getSpec(), s.getStatus()));
    }
    items.sort(Comparator.comparing(ApplicationSetView::namespace).thenComparing(ApplicationSetView::name));
    ex.json(new ApplicationSetView.ApplicationSetList(items));
  }
}
