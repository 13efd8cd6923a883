package dev.keelson.cli.install;

import dev.keelson.controller.runtime.ControllerRbac;
import dev.keelson.controller.runtime.ControllerRbac.Rule;
import dev.keelson.controller.runtime.ControllerRbac.Scope;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller's ClusterRole(s), Roles and bindings, made from {@link ControllerRbac}'s rules:
 * rules for watched namespaces go into the ClusterRole when all are watched, else into a Role in
 * each watched namespace; rules for the controller's own namespace into a Role there.
 */
final class RbacManifests {
  static final String CONTROLLER = "keelson-controller";

  private RbacManifests() {}

  static List<HasMetadata> controller(InstallOptions o) {
    List<PolicyRule> cluster = new ArrayList<>();
    Map<String, List<PolicyRule>> roles = new LinkedHashMap<>();
    for (Rule rule : ControllerRbac.rules(o.features(), o.managed())) {
      PolicyRule p = policy(rule);
      if (rule.scope() == Scope.CLUSTER || (rule.scope() == Scope.WATCHED && o.watched().isEmpty())) {
        cluster.add(p);
      } else if (rule.scope() == Scope.WATCHED) {
        o.watchedSorted().forEach(ns -> roles.computeIfAbsent(ns, k -> new ArrayList<>()).add(p));
      } else {
        // the controller's, the Lease's and the keys' namespace are the install namespace
        roles.computeIfAbsent(o.namespace(), k -> new ArrayList<>()).add(p);
      }
    }
    List<HasMetadata> out = new ArrayList<>();
    String clusterRole = o.clusterName(CONTROLLER);
    out.add(new ClusterRoleBuilder().withNewMetadata().withName(clusterRole).withLabels(ControllerManifests.labels(CONTROLLER))
        .endMetadata().withRules(cluster).build());
    out.add(new ClusterRoleBindingBuilder().withNewMetadata().withName(clusterRole)
        .withLabels(ControllerManifests.labels(CONTROLLER)).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
        .addNewSubject().withKind("ServiceAccount").withName(CONTROLLER).withNamespace(o.namespace()).endSubject()
        .build());
    roles.forEach((ns, rules) -> {
      out.add(new RoleBuilder().withNewMetadata().withName(CONTROLLER).withNamespace(ns)
          .withLabels(ControllerManifests.labels(CONTROLLER)).endMetadata().withRules(rules).build());
      out.add(new RoleBindingBuilder().withNewMetadata().withName(CONTROLLER).withNamespace(ns)
          .withLabels(ControllerManifests.labels(CONTROLLER)).endMetadata()
          .withNewRoleRef("rbac.authorization.k8s.io", "Role", CONTROLLER)
          .addNewSubject().withKind("ServiceAccount").withName(CONTROLLER).withNamespace(o.namespace()).endSubject()
          .build());
    });
    return out;
  }

  /**
   * The API server's: it reads what the UI and CLI show (apps, their objects, their events),
   * writes sync and rollback requests on Applications, keeps accounts and its signing key as
   * Secrets in its namespace, and diffs by server-side dry run, which RBAC counts as a patch.
   */
  static List<HasMetadata> server(InstallOptions o) {
    String name = ControllerManifests.SERVER;
    String clusterRole = o.clusterName(name);
    List<PolicyRule> cluster = List.of(
        new PolicyRuleBuilder().withApiGroups("keelson.dev", "bitnami.com").withResources("*")
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build(),
        new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("get", "list", "watch").build(),
        new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("patch").build());
    List<PolicyRule> own = List.of(new PolicyRuleBuilder().withApiGroups("").withResources("secrets", "configmaps")
        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build());
    return List.of(
        new ClusterRoleBuilder().withNewMetadata().withName(clusterRole).withLabels(ControllerManifests.labels(name))
            .endMetadata().withRules(cluster).build(),
        new ClusterRoleBindingBuilder().withNewMetadata().withName(clusterRole)
            .withLabels(ControllerManifests.labels(name)).endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
            .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(o.namespace()).endSubject().build(),
        new RoleBuilder().withNewMetadata().withName(name).withNamespace(o.namespace())
            .withLabels(ControllerManifests.labels(name)).endMetadata().withRules(own).build(),
        new RoleBindingBuilder().withNewMetadata().withName(name).withNamespace(o.namespace())
            .withLabels(ControllerManifests.labels(name)).endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
            .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(o.namespace()).endSubject().build());
  }

  private static PolicyRule policy(Rule rule) {
    return new PolicyRuleBuilder().withApiGroups(rule.apiGroups()).withResources(rule.resources())
        .withVerbs(rule.verbs()).build();
  }
}
