package dev.keelson.controller.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Every permission the controller uses, as ONE list of rules per feature: `keelson install
 * --controller` turns it into ClusterRoles and Roles, and the controller checks it at start
 * ({@link ControllerPermissions}), so what is installed and what is checked cannot drift apart.
 */
public final class ControllerRbac {
  /** Which part of the controller needs a rule; docs/install.md has one section per feature. */
  public enum Feature {
    CORE("Applications, ApplicationSets, AppProjects, Receivers: watched, status written, credentials read"),
    ENGINE("the objects the apps hold: applied, compared, pruned (broad by nature)"),
    LEADER_ELECTION("the Lease that picks the one active replica"),
    SHARDING("the replicas' Leases keelson-shard-<id>, by which they share the Applications (--sharded)"),
    NOTIFICATIONS("Providers and Alerts"),
    ROLLOUTS("Rollouts, AnalysisTemplates, AnalysisRuns and the ReplicaSets, StatefulSets, Services, Ingresses,"
        + " TrafficSplits, HTTPRoutes and Jobs they drive"),
    IMAGE_AUTOMATION("ImageRepositories, ImagePolicies, ImageUpdateAutomations, and PromotionPipelines, which run with them"),
    SEALED_SECRETS("SealedSecrets, the Secrets unsealed from them, the sealing keys and the published certificate");

    public final String what;

    Feature(String what) {
      this.what = what;
    }
  }

  /** Where a rule applies. */
  public enum Scope {
    /** Every namespace the controller watches: a ClusterRole when it watches all, else a Role in each. */
    WATCHED,
    /** The controller's own namespace (cluster and repository Secrets, AppProjects). */
    CONTROLLER_NAMESPACE,
    /** The leader-election Lease's namespace. */
    LEASE_NAMESPACE,
    /** The sealing keys' namespace. */
    KEY_NAMESPACE,
    /** Cluster-scoped kinds, read only: always a ClusterRole. */
    CLUSTER
  }

  /** One RBAC PolicyRule with the feature that needs it and why. */
  public record Rule(Feature feature, Scope scope, List<String> apiGroups, List<String> resources,
      List<String> verbs, String why) {
    public Rule {
      apiGroups = List.copyOf(apiGroups);
      resources = List.copyOf(resources);
      verbs = List.copyOf(verbs);
    }
  }

  /**
   * What the engine may manage: every kind (the default: an engine that applies arbitrary
   * manifests needs it), or only the listed resources, each "group/resource" or "resource" for
   * the core group.
   */
  public record Managed(List<String> resources) {
    public static final Managed ALL = new Managed(List.of("*/*"));

    public Managed {
      resources = List.copyOf(resources);
      for (String r : resources) {
        if (r.isBlank() || r.chars().filter(c -> c == '/').count() > 1) {
          throw new IllegalArgumentException("not a resource (group/resource or resource): '" + r + "'");
        }
      }
    }

    public static Managed parse(List<String> items) {
      return items.isEmpty() || items.contains("*") || items.contains("*/*") ? ALL : new Managed(items);
    }

    List<Rule> rules() {
      if (this.equals(ALL)) {
        return List.of(new Rule(Feature.ENGINE, Scope.WATCHED, List.of("*"), List.of("*"), List.of("*"),
            "apply, compare, watch and prune whatever the apps hold"));
      }
      List<Rule> rules = new ArrayList<>();
      for (String r : resources) {
        int slash = r.indexOf('/');
        String group = slash < 0 ? "" : r.substring(0, slash);
        String resource = slash < 0 ? r : r.substring(slash + 1);
        rules.add(new Rule(Feature.ENGINE, Scope.WATCHED, List.of(group), List.of(resource), List.of("*"),
            "apply, compare, watch and prune " + r));
      }
      return rules;
    }
  }

  /** Which features run: the same switches as `keelson controller`'s options. */
  public record Features(boolean leaderElection, boolean sharding, boolean rollouts, boolean imageAutomation,
      boolean sealedSecrets) {
    /** What `keelson controller` runs by default: everything but sharding, which is asked for. */
    public static final Features DEFAULTS = new Features(true, false, true, true, true);

    public static Features of(ControllerOptions options) {
      return new Features(options.leaseNamespace() != null,
          options.shards().mode() == dev.keelson.controller.shard.ShardOptions.Mode.LEASES,
          options.rollouts().enabled(), options.images().enabled(), options.sealedSecrets().enabled());
    }

    public Features withSharding(boolean on) {
      return new Features(leaderElection, on, rollouts, imageAutomation, sealedSecrets);
    }
  }

  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> OWN = List.of("get", "list", "watch", "update", "patch");
  private static final List<String> ALL_VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete");
  private static final List<String> STATUS = List.of("get", "update", "patch");
  private static final String KEELSON = "keelson.dev";

  private ControllerRbac() {}

  /** The rules the controller needs, the engine's included. */
  public static List<Rule> rules(Features features, Managed managed) {
    List<Rule> rules = new ArrayList<>(controllerRules(features));
    rules.addAll(managed.rules());
    return rules;
  }

  /**
   * The rules the controller itself needs, without the engine's: those depend on what the apps
   * hold, and a missing one shows on the app that needs it, not at start.
   */
  public static List<Rule> controllerRules(Features features) {
    List<Rule> r = new ArrayList<>();
    r.add(new Rule(Feature.CORE, Scope.WATCHED, List.of(KEELSON), List.of("applications"), ALL_VERBS,
        "reconcile Applications (ApplicationSets create and delete them; finalizers are patched)"));
    r.add(new Rule(Feature.CORE, Scope.WATCHED, List.of(KEELSON),
        List.of("applicationsets", "appprojects", "receivers"), OWN, "reconcile them"));
    r.add(new Rule(Feature.CORE, Scope.WATCHED, List.of(KEELSON),
        List.of("applications/status", "applicationsets/status", "appprojects/status", "receivers/status"), STATUS,
        "write their status"));
    r.add(new Rule(Feature.CORE, Scope.WATCHED, List.of(""), List.of("secrets", "configmaps"), READ,
        "values, substitutions, SOPS and decryption keys an app names"));
    r.add(new Rule(Feature.CORE, Scope.WATCHED, List.of(""), List.of("events"), List.of("create", "patch"),
        "record Events on the objects reconciled"));
    r.add(new Rule(Feature.CORE, Scope.WATCHED, List.of(""), List.of("serviceaccounts"), List.of("impersonate"),
        "apps that sync as a ServiceAccount (spec.serviceAccountName)"));
    r.add(new Rule(Feature.CORE, Scope.CONTROLLER_NAMESPACE, List.of(""), List.of("secrets"), READ,
        "cluster and repository credentials"));
    r.add(new Rule(Feature.CORE, Scope.CONTROLLER_NAMESPACE, List.of(KEELSON), List.of("appprojects"), READ,
        "the AppProjects that bound the apps"));
    r.add(new Rule(Feature.CORE, Scope.CLUSTER, List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"),
        List.of("get"), "tell a missing CRD clearly at start"));
    r.add(new Rule(Feature.CORE, Scope.CLUSTER, List.of(""), List.of("namespaces"), List.of("get"),
        "see that its own namespaces exist"));
    if (features.leaderElection()) {
      r.add(new Rule(Feature.LEADER_ELECTION, Scope.LEASE_NAMESPACE, List.of("coordination.k8s.io"),
          List.of("leases"), List.of("get", "list", "watch", "create", "update", "patch"),
          "hold and renew the Lease " + ControllerOptions.LEASE_NAME));
    }
    if (features.sharding()) {
      // a replica reads the others' Leases, renews its own and deletes it when it stops
      r.add(new Rule(Feature.SHARDING, Scope.CONTROLLER_NAMESPACE, List.of("coordination.k8s.io"),
          List.of("leases"), List.of("get", "list", "create", "update", "delete"),
          "hold its Lease " + dev.keelson.controller.shard.ShardOptions.LEASE_PREFIX + "<id> and read the others'"));
    }
    r.add(new Rule(Feature.NOTIFICATIONS, Scope.WATCHED, List.of(KEELSON), List.of("providers", "alerts"), OWN,
        "reconcile them"));
    r.add(new Rule(Feature.NOTIFICATIONS, Scope.WATCHED, List.of(KEELSON), List.of("providers/status", "alerts/status"),
        STATUS, "write their status"));
    if (features.rollouts()) {
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of(KEELSON),
          List.of("rollouts", "analysisruns", "analysistemplates"), ALL_VERBS,
          "reconcile Rollouts; a Rollout creates its AnalysisRuns"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of(KEELSON), List.of("rollouts/status", "analysisruns/status"),
          STATUS, "write their status"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of("apps"), List.of("replicasets"), ALL_VERBS,
          "the stable and canary ReplicaSets"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of("apps"), List.of("deployments"),
          List.of("get", "list", "watch", "patch"), "a workloadRef's Deployment: its template, scaled down on success"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of("apps"), List.of("statefulsets"),
          List.of("get", "list", "watch", "patch"), "a workloadRef's StatefulSet: its rolling update partition"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of(""), List.of("services"),
          List.of("get", "list", "watch", "update", "patch"), "point the stable and canary Services at their pods"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of("networking.k8s.io"), List.of("ingresses"), ALL_VERBS,
          "the canary Ingress of NGINX traffic routing"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of(""), List.of("pods"), List.of("get", "list", "watch", "delete"),
          "pod readiness; an aborted StatefulSet canary's updated pods are recreated"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of("split.smi-spec.io"), List.of("trafficsplits"), ALL_VERBS,
          "the TrafficSplit of SMI traffic routing, owned by the Rollout"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of("gateway.networking.k8s.io"), List.of("httproutes"),
          List.of("get", "list", "watch", "update", "patch"), "the backendRefs' weights of a Gateway API HTTPRoute"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.WATCHED, List.of("batch"), List.of("jobs"),
          List.of("get", "list", "watch", "create", "delete"), "Job metrics of analyses"));
      r.add(new Rule(Feature.ROLLOUTS, Scope.CLUSTER, List.of(KEELSON), List.of("clusteranalysistemplates"), READ,
          "ClusterAnalysisTemplates"));
    }
    if (features.imageAutomation()) {
      r.add(new Rule(Feature.IMAGE_AUTOMATION, Scope.WATCHED, List.of(KEELSON),
          List.of("imagerepositories", "imagepolicies", "imageupdateautomations", "promotions"), OWN, "reconcile them"));
      r.add(new Rule(Feature.IMAGE_AUTOMATION, Scope.WATCHED, List.of(KEELSON),
          List.of("imagerepositories/status", "imagepolicies/status", "imageupdateautomations/status", "promotions/status"),
          STATUS, "write their status"));
    }
    if (features.sealedSecrets()) {
      r.add(new Rule(Feature.SEALED_SECRETS, Scope.WATCHED, List.of("bitnami.com"), List.of("sealedsecrets"), OWN,
          "reconcile SealedSecrets"));
      r.add(new Rule(Feature.SEALED_SECRETS, Scope.WATCHED, List.of("bitnami.com"), List.of("sealedsecrets/status"),
          STATUS, "write their status"));
      r.add(new Rule(Feature.SEALED_SECRETS, Scope.WATCHED, List.of(""), List.of("secrets"),
          List.of("create", "update", "patch", "delete"), "write the Secrets unsealed from SealedSecrets"));
      r.add(new Rule(Feature.SEALED_SECRETS, Scope.KEY_NAMESPACE, List.of(""), List.of("secrets"),
          List.of("get", "list", "watch", "create", "update", "patch"), "generate, load and renew the sealing keys"));
      r.add(new Rule(Feature.SEALED_SECRETS, Scope.KEY_NAMESPACE, List.of(""), List.of("configmaps"),
          List.of("get", "create", "update", "patch"), "publish the certificate (ConfigMap sealed-secrets-cert)"));
    }
    return List.copyOf(r);
  }
}
