package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.fleet.ClusterClients;
import dev.keelson.controller.fleet.ClusterRegistration;
import dev.keelson.controller.fleet.ClusterSecret;
import dev.keelson.controller.fleet.ClusterSecrets;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code keelson cluster add|list|rm} between two real control planes. */
class ClusterCliTest {
  static TestCluster control;
  static TestCluster target;
  static KubernetesClient controlClient;

  @BeforeAll
  static void start() {
    control = TestCluster.shared();
    target = TestCluster.startAnother();
    controlClient = control.newClient();
    assertThat(CliTest.run("install", "--kubeconfig", control.kubeconfigPath().toString()).code()).isZero();
  }

  @AfterAll
  static void stop() {
    if (controlClient != null) controlClient.close();
    if (target != null) target.close();
  }

  @Test
  @DisplayName("add makes a ServiceAccount token that reaches the target; list shows it connected; rm removes it")
  void addListRemove() {
    String ctl = control.kubeconfigPath().toString();
    CliTest.Result add = CliTest.run("cluster", "add", "staging", "--kubeconfig", target.kubeconfigPath().toString(),
        "--label", "env=staging", "--control-kubeconfig", ctl);
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out()).contains("cluster staging added: " + target.apiServerUrl().toString().replaceAll("/$", ""));

    Secret s = controlClient.secrets().inNamespace("keelson-system").withName(ClusterRegistration.secretName("staging")).get();
    assertThat(s.getMetadata().getLabels()).containsEntry("env", "staging")
        .containsEntry(ClusterSecrets.TYPE_LABEL, ClusterSecrets.CLUSTER);
    ClusterSecret parsed = ClusterSecrets.parse(s);
    try (KubernetesClient viaToken = ClusterClients.create(parsed)) {
      // the ServiceAccount's token, not the admin's: it can list namespaces through its binding
      assertThat(viaToken.namespaces().list().getItems()).isNotEmpty();
      assertThat(viaToken.getConfiguration().getOauthToken()).isNotBlank();
    }
    String token = ((dev.keelson.controller.fleet.ClusterCredentials.Config) parsed.credentials()).bearerToken();
    assertThat(add.out() + add.err()).doesNotContain(token);

    CliTest.Result list = CliTest.run("cluster", "list", "--control-kubeconfig", ctl);
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("in-cluster").containsPattern("staging\\s+https://127\\.0\\.0\\.1:\\d+\\s+v1\\.20\\.2\\s+Connected\\s+0");

    CliTest.Result again = CliTest.run("cluster", "add", "staging", "--kubeconfig", target.kubeconfigPath().toString(),
        "--control-kubeconfig", ctl);
    assertThat(again.code()).as("idempotent: " + again.err()).isZero();

    CliTest.Result rm = CliTest.run("cluster", "rm", "staging", "--control-kubeconfig", ctl);
    assertThat(rm.code()).as(rm.err()).isZero();
    assertThat(controlClient.secrets().inNamespace("keelson-system").withName(ClusterRegistration.secretName("staging"))
        .get()).isNull();
    assertThat(CliTest.run("cluster", "rm", "staging", "--control-kubeconfig", ctl).code()).isEqualTo(ExitCodes.ERROR);
  }
}
