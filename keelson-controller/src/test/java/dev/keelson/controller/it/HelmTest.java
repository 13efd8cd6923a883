package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.helm.ChartRepoServer;
import dev.keelson.helm.OciRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Helm charts from Git, a Helm repository and an OCI registry, synced to the real API server. */
class HelmTest extends ControllerTestBase {

  private static String app(String name, String ns, String repoUrl, String sourceExtra) {
    return """
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: %s
          namespace: %s
        spec:
          interval: 2s
          source:
            repoURL: %s
        %s
          destination:
            namespace: %s
          syncPolicy:
            automated:
              prune: true
        """.formatted(name, ns, repoUrl, Orchestrated.indent(sourceExtra, 4), ns);
  }

  private static boolean syncedAndHealthy(Application a) {
    return synced(a) && healthy(a);
  }

  private Map<String, String> configMap(String name) {
    var cm = client.configMaps().inNamespace(ns).withName(name).get();
    return cm == null ? null : cm.getData();
  }

  @Test
  @DisplayName("a chart in Git: value files, parameters and valuesFrom layered, capabilities from the cluster, no drift, values from a ConfigMap re-render")
  void chartFromGit() throws Exception {
    HelmCharts.guestbook(repo, "helm-guestbook");
    String sha = repo.commit("helm guestbook");
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("guestbook-values")
        .endMetadata().withData(Map.of("values.yaml", "podLabel: from-configmap\n")).build()).create();
    createApp(app("guestbook", ns, repo.url(), """
        path: helm-guestbook
        helm:
          valueFiles: [values-production.yaml]
          parameters:
          - {name: replicaCount, value: "2"}
          valuesFrom:
          - {kind: ConfigMap, name: guestbook-values}
        """));
    Application app = awaitApp("guestbook", a -> syncedAt(a, sha) && healthy(a));

    var deployment = client.apps().deployments().inNamespace(ns).withName("guestbook-helm-guestbook").get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("from", "from-configmap");
    var service = client.services().inNamespace(ns).withName("guestbook-helm-guestbook").get();
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getPort()).isEqualTo(8080);
      assertThat(p.getProtocol()).isEqualTo("TCP");
    });
    assertThat(configMap("guestbook-capabilities"))
        .containsEntry("kubeVersion", "v1.20.2").containsEntry("namespace", ns);
    var report = KeelsonController.differ(client, Files.createTempDirectory("keelson-diff-"))
        .diff(AppSettings.of(app), app.getStatus());
    assertThat(report.different()).as(report.text()).isFalse();

    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("guestbook-values"),
        cm -> new ConfigMapBuilder(cm).withData(Map.of("values.yaml", "podLabel: changed\n")).build());
    await().atMost(TIMEOUT).until(() -> "changed".equals(client.apps().deployments().inNamespace(ns)
        .withName("guestbook-helm-guestbook").get().getSpec().getTemplate().getMetadata().getLabels().get("from")));
  }

  @Test
  @DisplayName("lookup reads the live objects of the cluster the controller runs against, afresh on every render")
  void lookupReadsTheCluster() throws Exception {
    // The controller's cluster is named by KUBECONFIG here, as on a machine outside a cluster;
    // Helm's native library reads that file on each render.
    String kubeconfig = System.getenv("KUBECONFIG");
    assertThat(kubeconfig).as("KUBECONFIG set for the test JVM (see the pom)").isNotBlank();
    Files.createDirectories(Path.of(kubeconfig).getParent());
    Files.writeString(Path.of(kubeconfig), cluster.kubeconfigYaml());
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
        .endMetadata().withData(Map.of("color", "blue")).build()).create();
    repo.write("lookup/Chart.yaml", "apiVersion: v2\nname: lookup\nversion: 0.1.0\n");
    repo.write("lookup/templates/cm.yaml", """
        {{- $cm := lookup "v1" "ConfigMap" .Release.Namespace "settings" }}
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-looked-up
        data:
          color: {{ if $cm }}{{ $cm.data.color | quote }}{{ else }}"none"{{ end }}
        """);
    repo.commit("a chart that looks up");
    createApp(app("look", ns, repo.url(), "path: lookup"));
    awaitApp("look", HelmTest::syncedAndHealthy);
    assertThat(configMap("look-looked-up")).containsEntry("color", "blue");

    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("settings"),
        cm -> new ConfigMapBuilder(cm).withData(Map.of("color", "green")).build());
    await().atMost(TIMEOUT).until(() -> "green".equals(configMap("look-looked-up").get("color")));
  }

  @Test
  @DisplayName("a chart requiring a newer cluster is refused naming Chart.yaml; kubeVersion in the spec renders it")
  void kubeVersionRequirement() throws Exception {
    HelmCharts.guestbook(repo, "chart");
    repo.write("chart/Chart.yaml", "apiVersion: v2\nname: needs-new\nversion: 1.0.0\nkubeVersion: \">=1.23.0-0\"\n");
    repo.commit("needs 1.23");
    createApp(app("newer", ns, repo.url(), "path: chart"));
    Application app = awaitApp("newer", a -> conditionIs(a, "Stalled", "True"));
    assertThat(condition(app, "Ready").orElseThrow().getMessage()).contains("Chart.yaml");
    assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();

    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("newer"), a -> {
      a.getSpec().source.helm = new dev.keelson.api.v1alpha1.HelmSource();
      a.getSpec().source.helm.kubeVersion = "1.23.0";
      return a;
    });
    awaitApp("newer", HelmTest::syncedAndHealthy);
    assertThat(configMap("newer-capabilities")).containsEntry("kubeVersion", "v1.23.0");
  }

  @Test
  @DisplayName("Helm hooks keep Helm's meaning: install hooks on the first sync, upgrade hooks on later ones, tests never; keep is never pruned")
  void helmHookSemantics() throws Exception {
    repo.write("chart/Chart.yaml", "apiVersion: v2\nname: hooks\nversion: 1.0.0\n")
        .write("chart/templates/cm.yaml", Manifests.configMap("settings", "{{ .Values.v }}"))
        .write("chart/values.yaml", "v: one\n")
        .write("chart/templates/install.yaml", HelmCharts.hookJob("install-job", "pre-install"))
        .write("chart/templates/upgrade.yaml", HelmCharts.hookJob("upgrade-job", "pre-upgrade"))
        .write("chart/templates/both.yaml", HelmCharts.hookJob("both-job", "post-install,post-upgrade"))
        .write("chart/templates/test.yaml", HelmCharts.hookJob("test-job", "test"))
        .write("chart/templates/kept.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: kept
              annotations:
                helm.sh/resource-policy: keep
            data: {a: b}
            """);
    String install = repo.commit("install");
    createApp(app("hooks", ns, repo.url(), "path: chart"));
    Application first = awaitApp("hooks", a -> syncedAt(a, install) && WavesAndHooksTest.succeeded(a));
    assertThat(hooksRun(first)).containsExactlyInAnyOrder("install-job:PreSync", "both-job:PostSync");

    repo.write("chart/values.yaml", "v: two\n").delete("chart/templates/kept.yaml");
    String upgrade = repo.commit("upgrade");
    Application second = awaitApp("hooks", a -> syncedAt(a, upgrade) && WavesAndHooksTest.succeeded(a));
    assertThat(hooksRun(second)).containsExactlyInAnyOrder("upgrade-job:PreSync", "both-job:PostSync");
    assertThat(configMap("settings")).containsEntry("value", "two");
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("test-job").get()).isNull();
    assertThat(configMap("kept")).as("helm.sh/resource-policy: keep is never pruned").containsEntry("a", "b");
  }

  @Test
  @DisplayName("the first sync renders as an install, later ones as upgrades (.Release.IsInstall / IsUpgrade)")
  void installThenUpgrade() throws Exception {
    repo.write("chart/Chart.yaml", "apiVersion: v2\nname: release\nversion: 1.0.0\n")
        .write("chart/templates/cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: release-state
            data:
              install: {{ .Release.IsInstall | quote }}
              upgrade: {{ .Release.IsUpgrade | quote }}
            """);
    repo.commit("release state");
    List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (var watch = client.configMaps().inNamespace(ns).withName("release-state").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap cm) {
        seen.add(cm.getData().get("install") + "/" + cm.getData().get("upgrade"));
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      createApp(app("release", ns, repo.url(), "path: chart"));
      Application app = awaitApp("release", a -> synced(a) && a.getStatus().history.size() == 2);
      await().atMost(TIMEOUT).until(() -> seen.contains("false/true"));
      assertThat(List.copyOf(seen)).containsSubsequence("true/false", "false/true");
      assertThat(app.getStatus().history).allSatisfy(h -> assertThat(h.result).isEqualTo("Succeeded"));
    }
  }

  private static List<String> hooksRun(Application a) {
    return a.getStatus().operationState.results.stream().filter(r -> r.hookPhase != null)
        .map(r -> r.name + ":" + r.hookPhase).toList();
  }

  @Test
  @DisplayName("a chart from a Helm repository on loopback: the newest version in the range, shown as the revision")
  void chartFromHelmRepository() throws Exception {
    Path charts = Files.createTempDirectory("keelson-charts-");
    try (ChartRepoServer server = new ChartRepoServer(null, null)) {
      for (String v : List.of("1.0.0", "1.1.0", "2.0.0")) {
        server.publish(ChartRepoServer.writeChart(charts, "web", v), "web", v);
      }
      createApp(app("web", ns, server.url(), "chart: web\nrevision: \"^1.0.0\""));
      Application app = awaitApp("web", a -> syncedAndHealthy(a));
      assertThat(app.getStatus().sync.revision).isEqualTo("1.1.0");
      assertThat(configMap("web-web")).containsEntry("version", "1.1.0");
    }
  }

  @Test
  @DisplayName("a chart from an OCI registry on loopback (Debian's docker-registry)")
  void chartFromOciRegistry() throws Exception {
    Path work = Files.createTempDirectory("keelson-oci-");
    try (OciRegistry registry = new OciRegistry()) {
      Path out = Files.createDirectories(work.resolve("pkg"));
      new Helm(ChartRepoServer.writeChart(work, "web", "3.0.0")).packageIt().withDestination(out).call();
      Helm.push().withChart(out.resolve("web-3.0.0.tgz"))
          .withRemote(URI.create("oci://" + registry.host() + "/charts")).plainHttp().call();
      createApp(app("oci", ns, "oci://" + registry.host() + "/charts", "chart: web\nrevision: 3.0.0"));
      Application app = awaitApp("oci", a -> syncedAndHealthy(a));
      assertThat(app.getStatus().sync.revision).isEqualTo("3.0.0");
      assertThat(configMap("oci-web")).containsEntry("version", "3.0.0");
    }
  }
}
