package dev.keelson.core.health;

import dev.keelson.core.model.ResourceKey;
import java.util.Collection;
import java.util.Map;

/**
 * Decides the health of live objects. Dispatches on API group and kind (never on version, since
 * status fields are the same across served versions) to one rule per kind, and falls back to
 * kstatus conventions for everything else.
 *
 * <p>Instances hold no mutable state and are safe to share between threads.
 */
public final class HealthAssessor {

  private static final GenericHealth GENERIC = new GenericHealth();

  private static final Map<String, HealthCheck> BY_GROUP_KIND =
      Map.ofEntries(
          Map.entry("apps/Deployment", new DeploymentHealth()),
          Map.entry("extensions/Deployment", new DeploymentHealth()),
          Map.entry("apps/StatefulSet", new StatefulSetHealth()),
          Map.entry("apps/DaemonSet", new DaemonSetHealth()),
          Map.entry("extensions/DaemonSet", new DaemonSetHealth()),
          Map.entry("apps/ReplicaSet", new ReplicaSetHealth()),
          Map.entry("extensions/ReplicaSet", new ReplicaSetHealth()),
          Map.entry("/ReplicationController", new ReplicaSetHealth()),
          Map.entry("/Pod", new PodHealth()),
          Map.entry("batch/Job", new JobHealth()),
          Map.entry("/Service", new ServiceHealth()),
          Map.entry("networking.k8s.io/Ingress", new IngressHealth()),
          Map.entry("extensions/Ingress", new IngressHealth()),
          Map.entry("/PersistentVolumeClaim", new PersistentVolumeClaimHealth()),
          Map.entry("apiextensions.k8s.io/CustomResourceDefinition", new CustomResourceDefinitionHealth()),
          Map.entry("/Namespace", new NamespaceHealth()),
          Map.entry("apiregistration.k8s.io/APIService", new ApiServiceHealth()));

  public HealthAssessor() {}

  /**
   * @param liveObject the object as read from the cluster, or null when it does not exist
   * @return {@link HealthStatus#Missing} for null; {@link HealthStatus#Progressing} for an object
   *     being deleted; otherwise the verdict of the kind's rule
   */
  public Health assess(Map<String, Object> liveObject) {
    if (liveObject == null) {
      return Health.missing();
    }
    if (Fields.has(liveObject, "metadata", "deletionTimestamp")) {
      // Whatever its status says, it is going away (finalizers running), as in Argo CD.
      return Health.progressing("Pending deletion");
    }
    String group = ResourceKey.groupOf(Fields.string(liveObject, "apiVersion"));
    String kind = Fields.string(liveObject, "kind");
    HealthCheck check = BY_GROUP_KIND.getOrDefault(group + "/" + kind, GENERIC);
    try {
      return check.check(liveObject);
    } catch (RuntimeException e) {
      // A status shape no rule anticipated must not take down the reconcile loop.
      return Health.unknown("health check failed: " + e);
    }
  }

  /** Health of a set of objects: the worst of them; {@link HealthStatus#Healthy} if empty. */
  public static HealthStatus aggregate(Collection<HealthStatus> statuses) {
    return HealthStatus.worstOf(statuses);
  }
}
