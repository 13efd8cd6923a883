package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.AppSetGenerator;
import dev.keelson.api.v1alpha1.AppSetTemplate;
import dev.keelson.api.v1alpha1.ApplicationSet;
import dev.keelson.api.v1alpha1.ApplicationSetSpec;
import dev.keelson.api.v1alpha1.ApplicationSetStatus;
import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.Source;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.controller.appset.AppSetLabels;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** `keelson appset confirm` against a real API server, playing the controller through the status subresource. */
class AppSetCliTest {
  static TestCluster cluster;
  static KubernetesClient client;
  static String kubeconfig;

  String ns;

  @BeforeAll
  static void start() {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
    assertThat(CliTest.run("install", "--kubeconfig", kubeconfig).code()).isZero();
  }

  @AfterAll
  static void stop() {
    if (client != null) client.close();
  }

  @BeforeEach
  void createSet() {
    ns = cluster.createNamespace("appset");
    ApplicationSet s = new ApplicationSet();
    s.setMetadata(new ObjectMetaBuilder().withName("envs").withNamespace(ns).build());
    s.setSpec(new ApplicationSetSpec());
    AppSetGenerator g = new AppSetGenerator();
    g.list = new AppSetGenerator.ListGenerator();
    g.list.elements = List.of();
    s.getSpec().generators = List.of(g);
    s.getSpec().template = new AppSetTemplate();
    s.getSpec().template.metadata = new AppSetTemplate.Meta();
    s.getSpec().template.metadata.name = "{{name}}";
    s.getSpec().template.spec = new ApplicationSpec();
    s.getSpec().template.spec.source = new Source();
    s.getSpec().template.spec.source.repoURL = "https://git.example/deploy.git";
    client.resources(ApplicationSet.class).inNamespace(ns).resource(s).create();
  }

  private Resource<ApplicationSet> set() {
    return client.resources(ApplicationSet.class).inNamespace(ns).withName("envs");
  }

  private void hold(String id, List<String> apps) {
    set().editStatus(s -> {
      s.setStatus(new ApplicationSetStatus());
      s.getStatus().heldDeletion = new ApplicationSetStatus.HeldDeletion();
      s.getStatus().heldDeletion.id = id;
      s.getStatus().heldDeletion.applications = apps;
      s.getStatus().heldDeletion.reason = "generator 0 returned no parameters";
      s.getStatus().heldDeletion.since = "2026-12-01T10:00:00Z";
      return s;
    });
  }

  private CliTest.Result cli(String... args) {
    return CliTest.run(Stream.concat(Stream.of(args), Stream.of("-n", ns, "--kubeconfig", kubeconfig)).toArray(String[]::new));
  }

  @Test
  @DisplayName("confirm with nothing held fails and writes nothing")
  void nothingHeld() {
    CliTest.Result r = cli("appset", "confirm", "envs", "--async");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains("holds no deletion");
    assertThat(set().get().getMetadata().getAnnotations()).doesNotContainKey(AppSetLabels.CONFIRM);
  }

  @Test
  @DisplayName("confirm names the held deletions' id, and waits until the controller echoes its token")
  void confirmNamesTheHoldAndWaits() {
    hold("abc123def456", List.of("b", "c"));
    CompletableFuture<CliTest.Result> run = CompletableFuture.supplyAsync(() -> cli("appset", "confirm", "envs",
        "--timeout", "30s"));
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      var a = set().get().getMetadata().getAnnotations();
      return a != null && a.containsKey(AppSetLabels.CONFIRM);
    });
    OperatorRequest request = OperatorRequest.parse(set().get().getMetadata().getAnnotations().get(AppSetLabels.CONFIRM))
        .orElseThrow();
    assertThat(request.revision()).isEqualTo("abc123def456");
    set().editStatus(s -> {
      s.getStatus().heldDeletion = null;
      s.getStatus().lastHandledConfirm = request.at();
      return s;
    });
    CliTest.Result r = run.join();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("confirmed deleting [b, c]").contains("deleted");
  }

  @Test
  @DisplayName("promote fails when no step waits, and otherwise writes its request and waits for the controller's echo")
  void promote() {
    CliTest.Result none = cli("appset", "promote", "envs", "--async");
    assertThat(none.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(none.err()).contains("no step").contains("waits for promotion");

    set().editStatus(s -> {
      s.setStatus(new ApplicationSetStatus());
      s.getStatus().rollingSync = new ApplicationSetStatus.RollingSyncStatus();
      ApplicationSetStatus.StepStatus step = new ApplicationSetStatus.StepStatus();
      step.index = 1;
      step.applications = List.of("prod-web");
      step.state = "Waiting";
      step.holding = "maxUpdate 0: waiting for `keelson appset promote`";
      s.getStatus().rollingSync.steps = List.of(step);
      return s;
    });
    CompletableFuture<CliTest.Result> run = CompletableFuture.supplyAsync(() -> cli("appset", "promote", "envs",
        "--timeout", "30s"));
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      var a = set().get().getMetadata().getAnnotations();
      return a != null && a.containsKey(AppSetLabels.PROMOTE);
    });
    OperatorRequest request = OperatorRequest.parse(set().get().getMetadata().getAnnotations().get(AppSetLabels.PROMOTE))
        .orElseThrow();
    set().editStatus(s -> {
      s.getStatus().rollingSync.lastHandledPromote = request.at();
      return s;
    });
    CliTest.Result r = run.join();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("promoted step 1 [prod-web]");
  }
}
