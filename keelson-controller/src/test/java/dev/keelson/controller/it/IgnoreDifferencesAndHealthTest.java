package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus.ResourceStatus;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.AppDiffer;
import dev.keelson.controller.runtime.KeelsonController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IgnoreDifferencesAndHealthTest extends ControllerTestBase {
  private static final Duration LONG = Duration.ofSeconds(90);

  /** A Deployment with one replica in Git and a note in its pod template. */
  private static String deployment(String note) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
              annotations:
                example.com/note: "%s"
            spec:
              containers:
              - name: web
                image: nginx:1.25
        """.formatted(note);
  }

  /** An automated app with selfHeal on and extra spec lines (indented under spec). */
  private String app(String name, String specExtra) {
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
            path: .
          destination:
            namespace: %s
          syncPolicy:
            automated:
              prune: true
              selfHeal: true
        %s
        """.formatted(name, ns, repo.url(), ns, Orchestrated.indent(specExtra, 2));
  }

  private Deployment web() {
    return client.apps().deployments().inNamespace(ns).withName("web").get();
  }

  private static boolean succeededAt(Application a, String sha) {
    var op = a.getStatus() == null ? null : a.getStatus().operationState;
    return syncedAt(a, sha) && op != null && "Succeeded".equals(op.phase) && sha.equals(op.revision);
  }

  private AppDiffer.Report diff(String name) throws Exception {
    Application a = app(name);
    return KeelsonController.differ(client, Files.createTempDirectory("keelson-diff-"))
        .diff(AppSettings.of(a), a.getStatus());
  }

  @Test
  @DisplayName("ignoreDifferences by JSON pointer: replicas scaled by hand stay, no self-heal, no diff, and a new commit keeps them")
  void jsonPointer() throws Exception {
    scaledReplicasSurvive("pointer", """
        ignoreDifferences:
        - group: apps
          kind: Deployment
          jsonPointers: [/spec/replicas]""", () -> RetryOnConflict.edit(client.apps().deployments().inNamespace(ns).withName("web"), d -> {
          d.getSpec().setReplicas(3);
          return d;
        }));
  }

  @Test
  @DisplayName("ignoreDifferences by field manager: replicas set by another manager stay, no diff, and a new commit keeps them")
  void managedFieldsManager() throws Exception {
    scaledReplicasSurvive("manager", """
        ignoreDifferences:
        - group: apps
          kind: Deployment
          managedFieldsManagers: [hpa-sim]""", () -> client.apps().deployments().inNamespace(ns).withName("web")
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("hpa-sim").build(),
            "{\"spec\":{\"replicas\":3}}"));
  }

  private void scaledReplicasSurvive(String name, String ignoreDifferences, Runnable scale) throws Exception {
    repo.write("web.yaml", deployment("first"));
    String first = repo.commit("first");
    createApp(app(name, ignoreDifferences));
    awaitApp(name, a -> succeededAt(a, first) && healthy(a));
    assertThat(web().getSpec().getReplicas()).isEqualTo(1);
    int historyBefore = app(name).getStatus().history.size();

    scale.run();

    // selfHeal would put 1 back within seconds (see DriftTest); the app stays Synced instead
    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> web().getSpec().getReplicas() == 3 && synced(app(name)));
    Application app = app(name);
    assertThat(app.getStatus().history).as("no self-heal sync ran").hasSize(historyBefore);
    assertThat(app.getStatus().resources).singleElement().satisfies(r -> assertThat(r.status).isEqualTo("Synced"));

    AppDiffer.Report report = diff(name);
    assertThat(report.text()).doesNotContain("replicas");
    assertThat(report.different()).as(report.text()).isFalse();

    // a new commit changes the template: applied, with the live replicas kept
    repo.write("web.yaml", deployment("second"));
    String second = repo.commit("second");
    awaitApp(name, a -> succeededAt(a, second));
    await().atMost(LONG).pollInterval(Duration.ofMillis(200))
        .until(() -> "second".equals(web().getSpec().getTemplate().getMetadata().getAnnotations().get("example.com/note")));
    assertThat(web().getSpec().getReplicas()).isEqualTo(3);
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> web().getSpec().getReplicas() == 3 && syncedAt(app(name), second));
    assertThat(diff(name).different()).isFalse();
  }

  private static String flag(String ready) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: flag
        data:
          ready: "%s"
        """.formatted(ready);
  }

  private static boolean health(Application a, String status) {
    return a.getStatus() != null && a.getStatus().health != null && status.equals(a.getStatus().health.status);
  }

  private static ResourceStatus flagResource(Application a) {
    return a.getStatus().resources.stream().filter(r -> "flag".equals(r.name)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("CEL healthChecks decide a ConfigMap's health: inProgress Progressing, current Healthy, failed Degraded")
  void celHealthChecks() throws Exception {
    repo.write("flag.yaml", flag("pending"));
    String pending = repo.commit("pending");
    createApp(app("cel", """
        healthChecks:
        - apiVersion: v1
          kind: ConfigMap
          current: "self.data.ready == 'true'"
          inProgress: "self.data.ready == 'pending'"
          failed: "self.data.ready == 'broken'"
        """));

    Application app = awaitApp("cel", a -> succeededAt(a, pending) && health(a, "Progressing"));
    assertThat(flagResource(app).health.status).isEqualTo("Progressing");

    repo.write("flag.yaml", flag("true"));
    String ready = repo.commit("ready");
    app = awaitApp("cel", a -> syncedAt(a, ready) && health(a, "Healthy"));
    assertThat(flagResource(app).health.status).isEqualTo("Healthy");
    assertThat(conditionIs(app, "Ready", "True")).isTrue();

    repo.write("flag.yaml", flag("broken"));
    String broken = repo.commit("broken");
    app = awaitApp("cel", a -> syncedAt(a, broken) && health(a, "Degraded"));
    assertThat(flagResource(app).health.status).isEqualTo("Degraded");
    assertThat(condition(app, "Ready").orElseThrow().getReason()).isEqualTo("Degraded");
  }
}
