package dev.keelson.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestClusterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private static TestCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.shared();
    client = cluster.newClient();
  }

  @AfterAll
  static void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void sharedClusterIsOnePerJvmAndServesV120() {
    assertThat(TestCluster.shared()).isSameAs(cluster);
    assertThat(client.getKubernetesVersion().getGitVersion()).startsWith("v1.20.2");
    assertThat(cluster.kubeconfigYaml()).contains("certificate-authority-data").doesNotContain("insecure");
    assertThat(cluster.kubeconfigPath()).exists();
  }

  @Test
  void serverSideApplyRecordsTheFieldManager() {
    String ns = cluster.createNamespace("ssa");
    ConfigMap desired = new ConfigMapBuilder()
        .withNewMetadata().withName("settings").withNamespace(ns).endMetadata()
        .withData(Map.of("color", "blue"))
        .build();

    ConfigMap applied = client.configMaps().inNamespace(ns).resource(desired)
        .fieldManager("keelson-test").forceConflicts().serverSideApply();

    assertThat(applied.getData()).containsEntry("color", "blue");
    assertThat(applied.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .contains(org.assertj.core.groups.Tuple.tuple("keelson-test", "Apply"));
  }

  @Test
  void deploymentBecomesAvailableThroughControllerManagerAndSimulatedNode() {
    String ns = cluster.createNamespace("deploy");
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace(ns).endMetadata()
        .withNewSpec()
          .withReplicas(2)
          .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
            .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.25").endContainer().endSpec()
          .endTemplate()
        .endSpec()
        .build();
    client.apps().deployments().inNamespace(ns).resource(deployment).create();

    await().atMost(TIMEOUT).untilAsserted(() -> {
      Deployment live = client.apps().deployments().inNamespace(ns).withName("web").get();
      assertThat(live.getStatus()).isNotNull();
      assertThat(live.getStatus().getAvailableReplicas()).isEqualTo(2);
    });
    List<Pod> pods = client.pods().inNamespace(ns).list().getItems();
    assertThat(pods).hasSize(2).allSatisfy(p -> {
      assertThat(p.getSpec().getNodeName()).isEqualTo(NodeSimulator.NODE_NAME);
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getStatus().getPodIP()).isNotBlank();
      assertThat(p.getStatus().getContainerStatuses()).allSatisfy(c -> assertThat(c.getReady()).isTrue());
    });
  }

  @Test
  void jobWithSimulatedExitCodeFails() {
    String ns = cluster.createNamespace("job-fail");
    client.batch().v1().jobs().inNamespace(ns).resource(job("migrate", ns, "3")).create();

    await().atMost(TIMEOUT).until(() -> hasCondition(ns, "migrate", "Failed"));
    Pod pod = client.pods().inNamespace(ns).withLabel("job-name", "migrate").list().getItems().get(0);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(3);
  }

  @Test
  void jobWithoutExitCodeCompletes() {
    String ns = cluster.createNamespace("job-ok");
    client.batch().v1().jobs().inNamespace(ns).resource(job("seed", ns, null)).create();

    await().atMost(TIMEOUT).until(() -> hasCondition(ns, "seed", "Complete"));
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("seed").get().getStatus().getSucceeded())
        .isEqualTo(1);
  }

  @Test
  void podAnnotatedNotReadyRunsButNeverBecomesReady() {
    String ns = cluster.createNamespace("not-ready");
    Pod pod = new PodBuilder()
        .withNewMetadata().withName("stuck").withNamespace(ns)
          .withAnnotations(Map.of(NodeSimulator.SIMULATE_READY, "false")).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec()
        .build();
    client.pods().inNamespace(ns).resource(pod).create();

    await().atMost(TIMEOUT).until(() -> "Running".equals(phase(ns, "stuck")));
    // polls for a while and requires the pod to stay Running and not Ready the whole time
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> "Running".equals(phase(ns, "stuck")) && !ready(ns, "stuck"));
  }

  @Test
  void deletingANamespaceFinishesEvenWithRunningPods() {
    String ns = cluster.createNamespace("gone");
    client.pods().inNamespace(ns).resource(new PodBuilder()
        .withNewMetadata().withName("p").withNamespace(ns).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec()
        .build()).create();
    await().atMost(TIMEOUT).until(() -> ready(ns, "p"));

    client.namespaces().withName(ns).delete();

    await().atMost(TIMEOUT).until(() -> client.namespaces().withName(ns).get() == null);
  }

  private static Job job(String name, String ns, String exitCode) {
    Map<String, String> annotations = exitCode == null ? Map.of() : Map.of(NodeSimulator.SIMULATE_EXIT_CODE, exitCode);
    return new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec()
          .withBackoffLimit(0)
          .withNewTemplate()
            .withNewMetadata().withAnnotations(annotations).endMetadata()
            .withNewSpec()
              .withRestartPolicy("Never")
              .addNewContainer().withName("task").withImage("busybox").endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  private static boolean hasCondition(String ns, String job, String type) {
    Job live = client.batch().v1().jobs().inNamespace(ns).withName(job).get();
    List<JobCondition> conditions = Optional.ofNullable(live.getStatus()).map(s -> s.getConditions()).orElse(List.of());
    return conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String phase(String ns, String pod) {
    Pod live = client.pods().inNamespace(ns).withName(pod).get();
    return live == null || live.getStatus() == null ? null : live.getStatus().getPhase();
  }

  private static boolean ready(String ns, String pod) {
    Pod live = client.pods().inNamespace(ns).withName(pod).get();
    List<PodCondition> conditions = live == null || live.getStatus() == null || live.getStatus().getConditions() == null
        ? List.of() : live.getStatus().getConditions();
    return conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
