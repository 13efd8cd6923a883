package dev.keelson.core.health;

import dev.keelson.core.model.ResourceKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the health of live objects. Dispatches on API group and kind (never on version, since
 * status fields are the same across served versions) to one rule per kind, and falls back to
 * kstatus conventions for everything else. User-written {@link ExpressionHealthRule}s, given with
 * {@link #withRules}, take precedence over both for the kinds they name.
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
          Map.entry("apiregistration.k8s.io/APIService", new ApiServiceHealth()),
          Map.entry("keelson.dev/Application", new ApplicationHealth()),
          Map.entry("external-secrets.io/ExternalSecret", new ExternalSecretsHealth()),
          Map.entry("external-secrets.io/ClusterExternalSecret", new ExternalSecretsHealth()),
          Map.entry("external-secrets.io/SecretStore", new ExternalSecretsHealth()),
          Map.entry("external-secrets.io/ClusterSecretStore", new ExternalSecretsHealth()),
          Map.entry("external-secrets.io/PushSecret", new ExternalSecretsHealth()),
          Map.entry("bitnami.com/SealedSecret", new SealedSecretHealth()),
          Map.entry("keelson.dev/Rollout", new RolloutHealth()));

  /** Compiled user rules by group/kind; empty for the built-in behaviour. */
  private final Map<String, HealthCheck> rules;

  /** Only the built-in rules. */
  public HealthAssessor() {
    this(Map.of());
  }

  private HealthAssessor(Map<String, HealthCheck> rules) {
    this.rules = rules;
  }

  /**
   * An assessor that judges the kinds named by the given rules with those rules instead of the
   * built-in ones; this assessor is left unchanged. The rules replace any given before, so an
   * empty list means the built-in behaviour. All expressions are compiled now.
   *
   * @throws IllegalArgumentException if an expression is invalid (the message names the rule and
   *     field, e.g. {@code healthChecks[example.com/Widget].current: ...}), or if two rules name
   *     the same group and kind
   */
  public HealthAssessor withRules(List<ExpressionHealthRule> rules) {
    Map<String, HealthCheck> compiled = new LinkedHashMap<>();
    for (ExpressionHealthRule rule : rules) {
      String key = rule.group() + "/" + rule.kind();
      if (compiled.containsKey(key)) {
        // Versions do not count, so two rules for v1 and v1beta1 would silently shadow each other.
        throw new IllegalArgumentException(
            rule.label() + ": more than one health rule for this group and kind");
      }
      compiled.put(key, ExpressionHealthCheck.compile(rule));
    }
    return new HealthAssessor(Map.copyOf(compiled));
  }

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
    String groupKind = group + "/" + kind;
    HealthCheck check = rules.get(groupKind);
    if (check == null) {
      check = BY_GROUP_KIND.getOrDefault(groupKind, GENERIC);
    }
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
