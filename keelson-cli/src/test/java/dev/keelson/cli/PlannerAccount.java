package dev.keelson.cli;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A ServiceAccount with exactly the verbs given on every resource, and a kubeconfig that acts as
 * it (its token Secret, as Kubernetes 1.20 makes one per account): what CI would run
 * `keelson plan` with.
 */
final class PlannerAccount {
  private PlannerAccount() {}

  static Path create(KubernetesClient admin, String namespace, String name, List<String> verbs) throws IOException {
    admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
        .withName(name).endMetadata().build()).createOr(r -> r.update());
    String role = namespace + "-" + name;
    ClusterRole cr = new ClusterRoleBuilder().withNewMetadata().withName(role).endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs(verbs).build(),
            new PolicyRuleBuilder().withNonResourceURLs("*").withVerbs("get").build())
        .build();
    admin.rbac().clusterRoles().resource(cr).createOr(r -> r.update());
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(role)
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
        .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject().build())
        .createOr(r -> r.update());
    Secret token = await().atMost(Duration.ofSeconds(30)).until(() -> tokenOf(admin, namespace, name),
        s -> s != null);
    String caData = token.getData().get("ca.crt");
    String bearer = new String(Base64.getDecoder().decode(token.getData().get("token")), StandardCharsets.UTF_8);
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: local
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: %s
          user:
            token: %s
        contexts:
        - name: planner
          context: {cluster: local, user: %s, namespace: %s}
        current-context: planner
        """.formatted(admin.getMasterUrl(), caData, name, bearer, name, namespace);
    Path file = Files.createTempFile("keelson-planner-", ".kubeconfig");
    Files.writeString(file, yaml);
    return file;
  }

  private static Secret tokenOf(KubernetesClient admin, String namespace, String name) {
    ServiceAccount sa = admin.serviceAccounts().inNamespace(namespace).withName(name).get();
    if (sa == null || sa.getSecrets() == null || sa.getSecrets().isEmpty()) return null;
    Secret s = admin.secrets().inNamespace(namespace).withName(sa.getSecrets().get(0).getName()).get();
    return s == null || s.getData() == null || s.getData().get("token") == null ? null : s;
  }
}
