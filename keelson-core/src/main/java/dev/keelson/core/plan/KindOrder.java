package dev.keelson.core.plan;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.model.ResourceKey;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order objects are applied in: what others depend on first (namespaces, then policies,
 * accounts, config, storage, CRDs, RBAC), then services, then workloads, then ingress and API
 * services; custom resources last. The list is Argo CD's (itself Helm's install order), so that
 * repositories behave as their authors expect.
 *
 * <p>Kinds are matched together with their API group: a custom resource that happens to be
 * called {@code Namespace} or {@code Service} (Knative's) is a custom resource and must come after
 * the CRD that defines it.
 */
public final class KindOrder {

  /** Group/kind pairs in apply order; several groups may share one rank (legacy groups). */
  private static final List<List<String>> ORDER =
      List.of(
          List.of("/Namespace"),
          List.of("networking.k8s.io/NetworkPolicy", "extensions/NetworkPolicy"),
          List.of("/ResourceQuota"),
          List.of("/LimitRange"),
          List.of("policy/PodSecurityPolicy", "extensions/PodSecurityPolicy"),
          List.of("policy/PodDisruptionBudget"),
          List.of("/ServiceAccount"),
          List.of("/Secret"),
          List.of("/SecretList"),
          List.of("/ConfigMap"),
          List.of("storage.k8s.io/StorageClass"),
          List.of("/PersistentVolume"),
          List.of("/PersistentVolumeClaim"),
          List.of("apiextensions.k8s.io/CustomResourceDefinition"),
          List.of("rbac.authorization.k8s.io/ClusterRole"),
          List.of("rbac.authorization.k8s.io/ClusterRoleList"),
          List.of("rbac.authorization.k8s.io/ClusterRoleBinding"),
          List.of("rbac.authorization.k8s.io/ClusterRoleBindingList"),
          List.of("rbac.authorization.k8s.io/Role"),
          List.of("rbac.authorization.k8s.io/RoleList"),
          List.of("rbac.authorization.k8s.io/RoleBinding"),
          List.of("rbac.authorization.k8s.io/RoleBindingList"),
          List.of("/Service"),
          List.of("apps/DaemonSet", "extensions/DaemonSet"),
          List.of("/Pod"),
          List.of("/ReplicationController"),
          List.of("apps/ReplicaSet", "extensions/ReplicaSet"),
          List.of("apps/Deployment", "extensions/Deployment"),
          List.of("autoscaling/HorizontalPodAutoscaler"),
          List.of("apps/StatefulSet"),
          List.of("batch/Job"),
          List.of("batch/CronJob"),
          List.of("networking.k8s.io/IngressClass"),
          List.of("networking.k8s.io/Ingress", "extensions/Ingress"),
          List.of("apiregistration.k8s.io/APIService"));

  private static final Map<String, Integer> RANKS = new HashMap<>();

  static {
    for (int rank = 0; rank < ORDER.size(); rank++) {
      for (String groupKind : ORDER.get(rank)) {
        RANKS.put(groupKind, rank);
      }
    }
  }

  /** Rank of every kind not in the list: custom resources and anything newer. */
  public static final int UNKNOWN_RANK = ORDER.size();

  private static final Comparator<ResourceKey> KEY_APPLY_ORDER =
      Comparator.<ResourceKey>comparingInt(key -> rank(key))
          .thenComparing(ResourceKey::kind)
          .thenComparing(ResourceKey::group)
          .thenComparing(ResourceKey::namespace)
          .thenComparing(ResourceKey::name);

  private static final Comparator<Manifest> APPLY_ORDER =
      Comparator.comparing(Manifest::key, KEY_APPLY_ORDER);

  private KindOrder() {}

  /** Position of the object's kind in the apply order; {@link #UNKNOWN_RANK} for unlisted kinds. */
  public static int rank(ResourceKey key) {
    return rank(key.group(), key.kind());
  }

  public static int rank(String group, String kind) {
    return RANKS.getOrDefault((group == null ? "" : group) + "/" + kind, UNKNOWN_RANK);
  }

  /**
   * Kind rank, then kind and group (so unlisted kinds are grouped and deterministic), then
   * namespace, then name.
   */
  public static Comparator<Manifest> applyOrder() {
    return APPLY_ORDER;
  }

  /** Exact reverse of {@link #applyOrder()}: dependants are removed before what they depend on. */
  public static Comparator<Manifest> pruneOrder() {
    return APPLY_ORDER.reversed();
  }

  /** {@link #applyOrder()} for keys, e.g. inventory entries that have no manifest any more. */
  public static Comparator<ResourceKey> keyApplyOrder() {
    return KEY_APPLY_ORDER;
  }

  /** {@link #pruneOrder()} for keys: pruning works from the inventory, which only has keys. */
  public static Comparator<ResourceKey> keyPruneOrder() {
    return KEY_APPLY_ORDER.reversed();
  }

  /**
   * Objects that define where or what other objects can be: Namespaces and CRDs. They are applied
   * in a first stage and waited for, because objects in the namespace or of the custom kind are
   * rejected by the API server until they exist.
   */
  public static boolean isClusterDefinition(ResourceKey key) {
    return (key.group().isEmpty() && key.kind().equals("Namespace"))
        || (key.group().equals("apiextensions.k8s.io")
            && key.kind().equals("CustomResourceDefinition"));
  }
}
