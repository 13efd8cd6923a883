package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.runtime.KeelsonController;
import java.nio.file.Files;
import io.fabric8.kubernetes.client.Watcher;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WavesAndHooksTest extends ControllerTestBase {

  static boolean succeeded(Application a) {
    var op = a.getStatus() == null ? null : a.getStatus().operationState;
    return op != null && "Succeeded".equals(op.phase);
  }

  static boolean failed(Application a) {
    var op = a.getStatus() == null ? null : a.getStatus().operationState;
    return op != null && "Failed".equals(op.phase);
  }

  @Test
  @DisplayName("PreSync hook, then waves in order (Argo and Helm aliases included), then PostSync, as the API server saw them created")
  void phasesAndWavesInOrder() throws Exception {
    repo.write("pre.yaml", Orchestrated.job("pre", "keelson.dev/hook: PreSync", 0))
        .write("w2.yaml", Orchestrated.configMap("w2", "x", "argocd.argoproj.io/sync-wave: \"2\""))
        .write("w-1.yaml", Orchestrated.configMap("w-1", "x", "keelson.dev/sync-wave: \"-1\""))
        .write("w0.yaml", Orchestrated.configMap("w0", "x", "example.com/note: plain"))
        .write("w1.yaml", Orchestrated.configMap("w1", "x", "helm.sh/hook-weight: \"1\""))
        .write("post.yaml", Orchestrated.job("post", "helm.sh/hook: post-install,post-upgrade", 0));
    String sha = repo.commit("waves");
    try (var order = new Orchestrated.Order(client, ns, Watcher.Action.ADDED)) {
      createApp(Orchestrated.app("waves", ns, repo.url(), "", ""));
      Application app = awaitApp("waves", a -> succeeded(a) && syncedAt(a, sha));
      await().atMost(TIMEOUT).until(() -> order.seen().contains("Job/post"));
      assertThat(order.seen()).containsSubsequence(
          "Job/pre", "ConfigMap/w-1", "ConfigMap/w0", "ConfigMap/w1", "ConfigMap/w2", "Job/post");
      assertThat(app.getStatus().operationState.results)
          .filteredOn(r -> r.hookPhase != null).extracting(r -> r.name + ":" + r.hookPhase + ":" + r.status)
          .containsExactlyInAnyOrder("pre:PreSync:Succeeded", "post:PostSync:Succeeded");
      // hooks are not part of the app's resources or inventory
      assertThat(app.getStatus().resources).extracting(r -> r.name).containsExactlyInAnyOrder("w-1", "w0", "w1", "w2");
      assertThat(app.getStatus().history).last().satisfies(h -> {
        assertThat(h.result).isEqualTo("Succeeded");
        assertThat(h.revision).isEqualTo(sha);
      });
      // nor of the diff: hooks run, they are not kept in sync
      var report = KeelsonController.differ(client, Files.createTempDirectory("keelson-diff-"))
          .diff(AppSettings.of(app), app.getStatus());
      assertThat(report.different()).as(report.text()).isFalse();
    }
  }

  @Test
  @DisplayName("a failing PreSync Job stops the sync before any wave, runs the SyncFail hook, and fails the operation")
  void failingPreSyncRunsSyncFail() throws Exception {
    repo.write("pre.yaml", Orchestrated.job("migrate", "keelson.dev/hook: PreSync", 3))
        .write("cm.yaml", Orchestrated.configMap("app-config", "x", "keelson.dev/sync-wave: \"0\""))
        .write("fail.yaml", Orchestrated.job("notify", "argocd.argoproj.io/hook: SyncFail", 0));
    repo.commit("bad migration");
    createApp(Orchestrated.app("failing", ns, repo.url(), "", ""));

    Application app = awaitApp("failing", WavesAndHooksTest::failed);
    assertThat(app.getStatus().operationState.message).contains("PreSync hook").contains("migrate");
    assertThat(client.configMaps().inNamespace(ns).withName("app-config").get()).isNull();
    var notify = client.batch().v1().jobs().inNamespace(ns).withName("notify").get();
    assertThat(notify).isNotNull();
    assertThat(notify.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(conditionIs(app, "Ready", "False")).isTrue();
    assertThat(condition(app, "Ready").get().getMessage()).contains("migrate");
    assertThat(client.v1().events().inNamespace(ns).list().getItems()).anyMatch(e -> "SyncFailed".equals(e.getReason()));
  }

  @Test
  @DisplayName("hook delete policies: HookSucceeded and HookFailed delete the hook, BeforeHookCreation replaces it on the next sync")
  void deletePolicies() throws Exception {
    repo.write("ok.yaml", Orchestrated.job("ok", """
            keelson.dev/hook: PreSync
            keelson.dev/hook-delete-policy: HookSucceeded""", 0))
        .write("keep.yaml", Orchestrated.job("keep", "keelson.dev/hook: PreSync", 0))
        .write("cm.yaml", Orchestrated.configMap("cm", "1", "keelson.dev/sync-wave: \"0\""))
        .write("bad.yaml", Orchestrated.job("bad", """
            keelson.dev/hook: PostSync
            helm.sh/hook-delete-policy: hook-failed""", 1));
    repo.commit("policies");
    createApp(Orchestrated.app("policies", ns, repo.url(), "", ""));

    Application app = awaitApp("policies", WavesAndHooksTest::failed);
    assertThat(app.getStatus().operationState.message).contains("bad");
    await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("ok").get() == null
        && client.batch().v1().jobs().inNamespace(ns).withName("bad").get() == null);
    var keep = client.batch().v1().jobs().inNamespace(ns).withName("keep").get();
    assertThat(keep).isNotNull();
    String firstUid = keep.getMetadata().getUid();

    // a fixed PostSync hook and a new revision: the kept hook is deleted and created anew
    repo.write("bad.yaml", Orchestrated.job("bad", "keelson.dev/hook: PostSync", 0))
        .write("cm.yaml", Orchestrated.configMap("cm", "2", "keelson.dev/sync-wave: \"0\""));
    String second = repo.commit("fixed");
    awaitApp("policies", a -> succeeded(a) && second.equals(a.getStatus().operationState.revision));
    var again = client.batch().v1().jobs().inNamespace(ns).withName("keep").get();
    assertThat(again).isNotNull();
    assertThat(again.getMetadata().getUid()).isNotEqualTo(firstUid);
  }

  @Test
  @DisplayName("a wave starts only when the previous one is Healthy")
  void healthGatedWaves() throws Exception {
    repo.write("web.yaml", Orchestrated.deployment("web", "keelson.dev/sync-wave: \"0\"", false))
        .write("after.yaml", Orchestrated.configMap("after", "x", "keelson.dev/sync-wave: \"1\""));
    repo.commit("gated");
    createApp(Orchestrated.app("gated", ns, repo.url(), "", ""));

    Application app = awaitApp("gated", a -> a.getStatus() != null && a.getStatus().operationState != null
        && "Running".equals(a.getStatus().operationState.phase)
        && Boolean.TRUE.equals(a.getStatus().operationState.stepApplied)
        && Integer.valueOf(0).equals(a.getStatus().operationState.wave)
        && a.getStatus().operationState.message != null && a.getStatus().operationState.message.contains("waiting"));
    assertThat(app.getStatus().operationState.message).contains("Deployment");
    assertThat(client.configMaps().inNamespace(ns).withName("after").get()).isNull();

    // the pods become Ready: the wave turns Healthy and the next one is applied
    RetryOnConflict.edit(client.apps().deployments().inNamespace(ns).withName("web"), d -> {
      d.getSpec().getTemplate().getMetadata().getAnnotations().put("keelson.dev/simulate-ready", "true");
      return d;
    });
    awaitApp("gated", WavesAndHooksTest::succeeded);
    assertThat(client.configMaps().inNamespace(ns).withName("after").get()).isNotNull();
  }

  @Test
  @DisplayName("with CreateNamespace=true the namespace exists before the PreSync hook runs in it")
  void namespaceBeforePreSync() throws Exception {
    String target = ns + "-new";
    repo.write("pre.yaml", Orchestrated.job("prepare", "keelson.dev/hook: PreSync", 0))
        .write("cm.yaml", Orchestrated.configMap("cm", "x", "keelson.dev/sync-wave: \"0\""));
    String sha = repo.commit("hook in a new namespace");
    createApp("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata:
          name: fresh
          namespace: %s
        spec:
          interval: 2s
          source:
            repoURL: %s
          destination:
            namespace: %s
          syncPolicy:
            automated: {prune: true}
            syncOptions: [CreateNamespace=true]
        """.formatted(ns, repo.url(), target));
    try {
      Application app = awaitApp("fresh", a -> succeeded(a) && syncedAt(a, sha));
      assertThat(app.getStatus().operationState.results).filteredOn(r -> "prepare".equals(r.name))
          .singleElement().satisfies(r -> assertThat(r.status).isEqualTo("Succeeded"));
      assertThat(client.configMaps().inNamespace(target).withName("cm").get()).isNotNull();
    } finally {
      client.namespaces().withName(target).delete();
    }
  }

  @Test
  @DisplayName("within a wave a CRD goes first and is Established before the custom resources that need it")
  void crdFirstWithinAWave() throws Exception {
    String group = ns + ".example.com";
    // the custom resource comes first in the files: the order must come from the kinds, not the files
    repo.write("a-widget.yaml", """
            apiVersion: %s/v1
            kind: Widget
            metadata:
              name: first-widget
            spec:
              size: 3
            """.formatted(group))
        .write("b-namespace.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: %s-extra
            """.formatted(ns))
        .write("c-cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: in-extra
              namespace: %s-extra
            data:
              k: v
            """.formatted(ns))
        .write("z-crd.yaml", """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.%s
            spec:
              group: %s
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: integer}
            """.formatted(group, group));
    String sha = repo.commit("crd and its resource");
    try {
      createApp(Orchestrated.app("crds", ns, repo.url(), "", ""));
      Application app = awaitApp("crds", a -> succeeded(a) && syncedAt(a, sha));
      var crd = client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).get();
      var widget = client.genericKubernetesResources(group + "/v1", "Widget").inNamespace(ns).withName("first-widget").get();
      assertThat(widget).isNotNull();
      assertThat(widget.getMetadata().getCreationTimestamp()).isGreaterThanOrEqualTo(crd.getMetadata().getCreationTimestamp());
      assertThat(client.configMaps().inNamespace(ns + "-extra").withName("in-extra").get()).isNotNull();
      assertThat(app.getStatus().operationState.results).extracting(r -> r.kind + ":" + r.status)
          .contains("CustomResourceDefinition:Synced", "Widget:Synced", "Namespace:Synced", "ConfigMap:Synced");
    } finally {
      client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).delete();
      client.namespaces().withName(ns + "-extra").delete();
    }
  }
}
