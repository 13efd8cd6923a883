package dev.keelson.server.api;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus.ResourceStatus;
import dev.keelson.core.health.Health;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.health.HealthStatus;
import dev.keelson.server.view.HealthView;
import dev.keelson.server.view.ResourceNode;
import dev.keelson.server.view.ResourceTree;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An app's tree: its managed objects as status reports them (sync and health, as the controller
 * judged them), each with the objects it owns in live state. Owned objects are found by the
 * ownerReferences of the ReplicaSets, Pods and Jobs of the managed objects' namespaces, and their
 * health is assessed here as the controller would.
 */
final class ResourceTrees {
  private static final int MAX_DEPTH = 4;
  private final HealthAssessor health = new HealthAssessor();

  private record Owned(String group, String version, String kind, String namespace, String name, Map<String, Object> body) {}

  ResourceTree tree(Application app, KubernetesClient destination) {
    List<ResourceStatus> managed = app.getStatus() == null || app.getStatus().resources == null
        ? List.of() : app.getStatus().resources;
    Set<String> namespaces = new LinkedHashSet<>();
    for (ResourceStatus r : managed) {
      if (r.namespace != null && !r.namespace.isEmpty() && OWNERS.contains(r.kind)) namespaces.add(r.namespace);
    }
    // owner "namespace/kind/name" -> what it owns
    Map<String, List<Owned>> byOwner = new HashMap<>();
    for (String ns : namespaces) {
      index(byOwner, "apps", "v1", "ReplicaSet", destination.apps().replicaSets().inNamespace(ns).list().getItems(), destination);
      index(byOwner, "batch", "v1", "Job", destination.batch().v1().jobs().inNamespace(ns).list().getItems(), destination);
      index(byOwner, "", "v1", "Pod", destination.pods().inNamespace(ns).list().getItems(), destination);
    }
    List<ResourceNode> nodes = new ArrayList<>();
    for (ResourceStatus r : managed) {
      HealthView h = r.health == null || r.health.status == null ? null
          : new HealthView(healthOf(r.health.status), r.health.message);
      nodes.add(new ResourceNode(orEmpty(r.group), r.version, r.kind, r.namespace, r.name, true, r.status, h, r.message,
          children(byOwner, orEmpty(r.namespace), r.kind, r.name, 1)));
    }
    return new ResourceTree(nodes);
  }

  /** Kinds whose owned objects are shown: what owns ReplicaSets, Pods or Jobs. */
  private static final Set<String> OWNERS = Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob");

  private List<ResourceNode> children(Map<String, List<Owned>> byOwner, String ns, String kind, String name, int depth) {
    if (depth > MAX_DEPTH) return List.of();
    List<ResourceNode> out = new ArrayList<>();
    for (Owned o : byOwner.getOrDefault(ns + "/" + kind + "/" + name, List.of())) {
      Health h = health.assess(o.body);
      out.add(new ResourceNode(o.group, o.version, o.kind, o.namespace, o.name, false, null,
          new HealthView(h.status(), h.message().isEmpty() ? null : h.message()), null,
          children(byOwner, ns, o.kind, o.name, depth + 1)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void index(Map<String, List<Owned>> byOwner, String group, String version, String kind,
      List<? extends HasMetadata> items, KubernetesClient client) {
    for (HasMetadata item : items) {
      List<OwnerReference> owners = item.getMetadata().getOwnerReferences();
      if (owners == null) continue;
      Map<String, Object> body = client.getKubernetesSerialization().convertValue(item, Map.class);
      body.putIfAbsent("apiVersion", group.isEmpty() ? version : group + "/" + version);
      body.putIfAbsent("kind", kind);
      Owned owned = new Owned(group, version, kind, item.getMetadata().getNamespace(), item.getMetadata().getName(), body);
      for (OwnerReference o : owners) {
        byOwner.computeIfAbsent(item.getMetadata().getNamespace() + "/" + o.getKind() + "/" + o.getName(),
            k -> new ArrayList<>()).add(owned);
      }
    }
  }

  /** The Pods of the tree, "namespace/name": the only Pods whose logs the app's viewers may read. */
  static Set<String> pods(ResourceTree tree) {
    Set<String> pods = new LinkedHashSet<>();
    collect(tree.nodes(), pods);
    return pods;
  }

  private static void collect(List<ResourceNode> nodes, Set<String> pods) {
    for (ResourceNode n : nodes) {
      if ("Pod".equals(n.kind()) && n.group().isEmpty()) pods.add(n.namespace() + "/" + n.name());
      collect(n.children(), pods);
    }
  }

  private static HealthStatus healthOf(String s) {
    try {
      return HealthStatus.valueOf(s);
    } catch (IllegalArgumentException e) {
      return HealthStatus.Unknown;
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
