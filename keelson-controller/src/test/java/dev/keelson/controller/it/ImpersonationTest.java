package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.AppProject;
import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Apps acting as a ServiceAccount on the real API server with RBAC: every read and write goes
 * through that account's rights, a Forbidden write is a clear condition, and nothing of the stage
 * is applied before it.
 */
class ImpersonationTest extends ControllerTestBase {

  /** A ServiceAccount allowed these resources (all verbs) in the test namespace, nothing else. */
  void account(String name, String... resources) {
    client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).createOr(r -> r.update());
    client.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata().withName(name).endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("").withResources(resources).withVerbs("*").build())
        .build()).createOr(r -> r.update());
    client.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder().withNewMetadata().withName(name)
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
        .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(ns).endSubject().build())
        .createOr(r -> r.update());
  }

  String app(String name, String serviceAccount, String project) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          interval: 1h
          %s
          source:
            repoURL: %s
          destination:
            namespace: %s
          syncPolicy:
            automated:
              prune: true
            retry:
              limit: -1
              backoff:
                duration: 1s
                factor: 1
        """.formatted(name, ns, (serviceAccount != null ? "serviceAccountName: " + serviceAccount
            : "project: " + project), repo.url(), ns);
  }

  static String readyMessage(Application a) {
    return condition(a, "Ready").map(c -> c.getMessage()).orElse("");
  }

  void writeConfigMapAndSecret() throws Exception {
    repo.write("a-cm.yaml", Manifests.configMap("settings", "x"))
        .write("b-secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: token
            stringData:
              token: abc
            """);
    repo.commit("a ConfigMap and a Secret");
  }

  @Test
  @DisplayName("spec.serviceAccountName: a Forbidden Secret fails the sync by name and nothing of the stage is applied; granted, it syncs")
  void forbiddenWriteAppliesNothing() throws Exception {
    account("deployer", "configmaps");
    writeConfigMapAndSecret();
    createApp(app("tenant", "deployer", null));
    Application failed = awaitApp("tenant", a -> readyMessage(a).contains("forbidden"));
    assertThat(readyMessage(failed)).contains("system:serviceaccount:" + ns + ":deployer").contains("secrets")
        .contains("b-secret.yaml").contains("nothing applied");
    // the ConfigMap the account may write is not applied either: the stage is all or nothing
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get()).isNull();
    assertThat(client.secrets().inNamespace(ns).withName("token").get()).isNull();

    account("deployer", "configmaps", "secrets");
    awaitApp("tenant", a -> synced(a) && healthy(a));
    assertThat(client.secrets().inNamespace(ns).withName("token").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("keelson"));
  }

  @Test
  @DisplayName("the project's destinationServiceAccounts decide whom its apps act as")
  void projectDestinationServiceAccounts() throws Exception {
    account("restricted", "configmaps");
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: AppProject
        metadata:
          name: team
          namespace: %s
        spec:
          sourceRepos: ["*"]
          destinations:
          - server: "*"
            namespace: "*"
          destinationServiceAccounts:
          - server: https://kubernetes.default.svc
            namespace: %s
            defaultServiceAccount: restricted
        """.formatted(ns, ns), AppProject.class)).create();
    writeConfigMapAndSecret();
    createApp(app("in-project", null, "team"));
    Application failed = awaitApp("in-project", a -> readyMessage(a).contains("forbidden"));
    assertThat(readyMessage(failed)).contains("system:serviceaccount:" + ns + ":restricted");
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get()).isNull();
  }

  @Test
  @DisplayName("an account that may not even read an object cannot sync it, and the app says so")
  void forbiddenRead() throws Exception {
    account("blind", "secrets");
    repo.write("cm.yaml", Manifests.configMap("unseen", "x"));
    repo.commit("a ConfigMap");
    createApp(app("blind-app", "blind", null));
    Application failed = awaitApp("blind-app", a -> readyMessage(a).contains("forbidden"));
    assertThat(readyMessage(failed)).contains("configmaps");
    assertThat(client.configMaps().inNamespace(ns).withName("unseen").get()).isNull();
  }

  @Test
  @DisplayName("spec.serviceAccountName names an account of the app's own namespace only")
  void noOtherNamespacesAccount() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("x", "x"));
    repo.commit("one");
    createApp(app("borrow", "kube-system:admin", null));
    Application a = awaitApp("borrow", x -> condition(x, "Ready").map(c -> "InvalidSpec".equals(c.getReason()))
        .orElse(false));
    assertThat(readyMessage(a)).contains("spec.serviceAccountName").contains(ns);
    assertThat(List.of(client.configMaps().inNamespace(ns).withName("x").get() == null)).containsExactly(true);
  }
}
