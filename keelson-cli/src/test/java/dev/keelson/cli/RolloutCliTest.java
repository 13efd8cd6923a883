package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.rollouts.v1alpha1.Rollout;
import dev.keelson.localcluster.TestCluster;
import dev.keelson.rollouts.runtime.RolloutOptions;
import dev.keelson.rollouts.runtime.RolloutReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `keelson rollout` against a real API server: the CRDs from `keelson install`, the Rollout
 * reconciler answering the requests, the CLI waiting for the answer and showing it.
 */
class RolloutCliTest {
  static TestCluster cluster;
  static KubernetesClient client;
  static String kubeconfig;
  static Operator operator;
  String ns;

  @BeforeAll
  static void start() {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    kubeconfig = cluster.kubeconfigPath().toString();
    assertThat(CliTest.run("install", "--kubeconfig", kubeconfig).code()).isZero();
    operator = new Operator(o -> {
      o.withKubernetesClient(client);
      o.withCloseClientOnStop(false);
      o.withUseSSAToPatchPrimaryResource(false);
    });
    operator.register(new RolloutReconciler(client, RolloutOptions.defaults()));
    operator.start();
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.stop();
    if (client != null) client.close();
  }

  @BeforeEach
  void namespace() {
    ns = cluster.createNamespace("rollout-cli");
  }

  private CliTest.Result cli(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--kubeconfig";
    all[args.length + 1] = kubeconfig;
    all[args.length + 2] = "-n";
    all[args.length + 3] = ns;
    return CliTest.run(all);
  }

  private Rollout awaitRollout(Predicate<Rollout> condition) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> Optional.ofNullable(
        client.resources(Rollout.class).inNamespace(ns).withName("web").get())
        .filter(r -> r.getStatus() != null).filter(condition).isPresent());
    return client.resources(Rollout.class).inNamespace(ns).withName("web").get();
  }

  @Test
  void promoteFullAbortAndGet() {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "1"}}
            spec: {containers: [{name: web, image: example.com/web:1}]}
          strategy:
            canary:
              scaleDownDelaySeconds: 1
              steps: [{setWeight: 50}, {pause: {}}]
        """, Rollout.class)).inNamespace(ns).create();
    awaitRollout(r -> "Healthy".equals(r.getStatus().phase));
    RetryOnConflict.edit(client.resources(Rollout.class).inNamespace(ns).withName("web"), r -> {
      r.getSpec().template.getMetadata().getAnnotations().put("version", "2");
      return r;
    });
    awaitRollout(r -> "Paused".equals(r.getStatus().phase));

    CliTest.Result get = cli("rollout", "get", "web");
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.out()).contains("Phase:     Paused").contains("Weight:    50%").contains("now  2. pause (until promoted)")
        .contains("stable").contains("canary");

    CliTest.Result promote = cli("rollout", "promote", "web", "--full", "--timeout", "30s");
    assertThat(promote.code()).as(promote.err()).isZero();
    assertThat(promote.out()).contains("fully promoted from step 1");
    CliTest.Result watch = cli("rollout", "get", "web", "--watch", "--timeout", "60s");
    assertThat(watch.code()).as(watch.err()).isZero();
    assertThat(watch.out()).contains("Phase:     Healthy").contains("promoteFull by ");

    RetryOnConflict.edit(client.resources(Rollout.class).inNamespace(ns).withName("web"), r -> {
      r.getSpec().template.getMetadata().getAnnotations().put("version", "3");
      return r;
    });
    awaitRollout(r -> "Paused".equals(r.getStatus().phase));
    CliTest.Result abort = cli("rollout", "abort", "web", "--timeout", "30s");
    assertThat(abort.code()).as(abort.err()).isZero();
    assertThat(awaitRollout(r -> "Degraded".equals(r.getStatus().phase)).getStatus().message)
        .contains("aborted by " + System.getProperty("user.name"));
    CliTest.Result degraded = cli("rollout", "get", "web", "--watch", "--timeout", "30s");
    assertThat(degraded.code()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void getShowsWhereABlueGreenPromotionStands() {
    for (String svc : new String[] {"web-active", "web-preview"}) {
      client.services().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
          .withNewMetadata().withName(svc).endMetadata()
          .withNewSpec().withSelector(java.util.Map.of("app", "web")).addNewPort().withPort(80).endPort().endSpec()
          .build()).create();
    }
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: smoke}
        spec:
          metrics:
          - name: smoke
            provider: {web: {url: "http://127.0.0.1:1/healthz"}}
        """, dev.keelson.api.rollouts.v1alpha1.AnalysisTemplate.class)).inNamespace(ns).create();
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Rollout
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {version: "1"}}
            spec: {containers: [{name: web, image: example.com/web:1}]}
          strategy:
            blueGreen:
              activeService: web-active
              previewService: web-preview
              autoPromotionEnabled: false
              scaleDownDelaySeconds: 1
              prePromotionAnalysis: {templates: [{templateName: smoke}]}
        """, Rollout.class)).inNamespace(ns).create();
    String v1 = awaitRollout(r -> "Healthy".equals(r.getStatus().phase)).getStatus().stableRS;
    CliTest.Result steady = cli("rollout", "get", "web");
    assertThat(steady.code()).as(steady.err()).isZero();
    assertThat(steady.out()).contains("Strategy:  blueGreen").contains("Active:    web-active -> web-" + v1)
        .contains("Promotion: - (nothing to promote)").contains("web-" + v1 + "  active  ").doesNotContain("Weight:");

    RetryOnConflict.edit(client.resources(Rollout.class).inNamespace(ns).withName("web"), r -> {
      r.getSpec().template.getMetadata().getAnnotations().put("version", "2");
      return r;
    });
    // nothing measures in this test: the pre-promotion run stays pending and holds the promotion
    String v2 = awaitRollout(r -> r.getStatus().currentPodHash != null && !v1.equals(r.getStatus().currentPodHash)
        && r.getStatus().message != null && r.getStatus().message.contains("pre-promotion")).getStatus().currentPodHash;
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      String out = cli("rollout", "get", "web").out();
      return out.contains("web-" + v2 + "  preview  2/2 available");
    });
    CliTest.Result pending = cli("rollout", "get", "web");
    assertThat(pending.out()).contains("Active:    web-active -> web-" + v1)
        .contains("Preview:   web-preview -> web-" + v2)
        .contains("Promotion: pending: waiting for the preview and the pre-promotion analysis")
        .contains("Analysis:\n  web-" + v2 + "-pre  Pending");

    CliTest.Result promote = cli("rollout", "promote", "web", "--timeout", "30s");
    assertThat(promote.code()).as(promote.err()).isZero();
    awaitRollout(r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRS));
    CliTest.Result promoted = cli("rollout", "get", "web");
    assertThat(promoted.out()).contains("Active:    web-active -> web-" + v2).contains("Promotion: - (nothing to promote)")
        .contains("web-" + v2 + "  active  ");
  }
}
