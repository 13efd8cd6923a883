package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Operator requests (terminate, dry run, selective sync, prune) and per-object sync options. */
class SyncOptionsTest extends ControllerTestBase {

  /** A merge patch carries no resourceVersion: it cannot conflict with the controller's status writes. */
  private void annotate(String app, String key, String value) {
    client.resources(Application.class).inNamespace(ns).withName(app).patch(
        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
        client.getKubernetesSerialization().asJson(java.util.Map.of("metadata",
            java.util.Map.of("annotations", java.util.Map.of(key, value)))));
  }

  private String requestSync(String app, String options) {
    String token = Instant.now().toString();
    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName(app), a -> {
      if (a.getMetadata().getAnnotations() == null) a.getMetadata().setAnnotations(new HashMap<>());
      a.getMetadata().getAnnotations().put(Annotations.SYNC_REQUESTED_AT, token);
      a.getMetadata().getAnnotations().put(Annotations.SYNC_REQUESTED_BY, "olga");
      if (options == null) a.getMetadata().getAnnotations().remove(Annotations.SYNC_REQUEST_OPTIONS);
      else a.getMetadata().getAnnotations().put(Annotations.SYNC_REQUEST_OPTIONS, options);
      return a;
    });
    return token;
  }

  private static boolean operationEnded(Application a, String id) {
    var op = a.getStatus() == null ? null : a.getStatus().operationState;
    return op != null && id.equals(op.id) && !"Running".equals(op.phase);
  }

  /** An app that only syncs when asked. */
  private String manualApp(String name) {
    return Manifests.application(name, ns, repo.url(), ".", false, false, false, "2s");
  }

  @Test
  @DisplayName("terminate-op stops a running operation at its wave, is recorded, and automation does not restart it")
  void terminate() throws Exception {
    repo.write("web.yaml", Orchestrated.deployment("web", "keelson.dev/sync-wave: \"0\"", false))
        .write("after.yaml", Orchestrated.configMap("after", "x", "keelson.dev/sync-wave: \"1\""));
    repo.commit("stuck");
    createApp(Orchestrated.app("stuck", ns, repo.url(), "", ""));
    Application running = awaitApp("stuck", a -> a.getStatus() != null && a.getStatus().operationState != null
        && "Running".equals(a.getStatus().operationState.phase)
        && Boolean.TRUE.equals(a.getStatus().operationState.stepApplied));
    String opId = running.getStatus().operationState.id;

    String at = Instant.now().toString();
    annotate("stuck", Annotations.TERMINATE, OperatorRequest.of("tom", at).toJson());
    Application app = awaitApp("stuck", a -> at.equals(a.getStatus().lastHandledTerminate));
    assertThat(app.getStatus().operationState.id).isEqualTo(opId);
    assertThat(app.getStatus().operationState.phase).isEqualTo("Terminated");
    assertThat(app.getStatus().history).anySatisfy(h -> {
      assertThat(h.action).isEqualTo("Terminate");
      assertThat(h.initiatedBy).isEqualTo("tom");
    });
    // a later reconcile (triggered by an unrelated request) starts nothing on the same state
    String token = requestSync("stuck", "dry-run");
    awaitApp("stuck", a -> operationEnded(a, token));
    assertThat(client.configMaps().inNamespace(ns).withName("after").get()).isNull();
    assertThat(app("stuck").getStatus().history).filteredOn(h -> "Sync".equals(h.action)).hasSize(1);
  }

  @Test
  @DisplayName("a dry-run sync reports what it would do and changes nothing")
  void dryRun() throws Exception {
    repo.write("a.yaml", Manifests.configMap("a", "1"));
    repo.commit("one");
    createApp(manualApp("dry"));
    String token = requestSync("dry", "dry-run");

    Application app = awaitApp("dry", a -> operationEnded(a, token));
    assertThat(app.getStatus().operationState.phase).isEqualTo("Succeeded");
    assertThat(app.getStatus().operationState.dryRun).isTrue();
    assertThat(app.getStatus().operationState.results).singleElement()
        .satisfies(r -> assertThat(r.message).contains("would create"));
    assertThat(client.configMaps().inNamespace(ns).withName("a").get()).isNull();
    assertThat(app.getStatus().sync.status).isEqualTo("OutOfSync");
  }

  @Test
  @DisplayName("a selective sync applies only the named object; --prune prunes on an app without automated prune")
  void selectiveAndPrune() throws Exception {
    repo.write("a.yaml", Manifests.configMap("a", "1")).write("b.yaml", Manifests.configMap("b", "1"));
    repo.commit("two");
    createApp(manualApp("pick"));
    String only = requestSync("pick", "resource=:ConfigMap:b");
    Application app = awaitApp("pick", a -> operationEnded(a, only));
    assertThat(app.getStatus().operationState.phase).isEqualTo("Succeeded");
    assertThat(client.configMaps().inNamespace(ns).withName("a").get()).isNull();
    assertThat(client.configMaps().inNamespace(ns).withName("b").get()).isNotNull();

    String all = requestSync("pick", null);
    awaitApp("pick", a -> operationEnded(a, all) && synced(a));

    repo.delete("b.yaml");
    repo.commit("drop b");
    String plain = requestSync("pick", null);
    awaitApp("pick", a -> operationEnded(a, plain));
    assertThat(client.configMaps().inNamespace(ns).withName("b").get()).isNotNull();

    String prune = requestSync("pick", "prune");
    awaitApp("pick", a -> operationEnded(a, prune));
    assertThat(client.configMaps().inNamespace(ns).withName("b").get()).isNull();
    assertThat(app("pick").getStatus().operationState.results)
        .anySatisfy(r -> {
          assertThat(r.name).isEqualTo("b");
          assertThat(r.status).isEqualTo("Pruned");
        });
  }

  @Test
  @DisplayName("Prune=false keeps an object out of pruning; IgnoreExtraneous keeps the app Synced about it")
  void pruneFalseAndIgnoreExtraneous() throws Exception {
    repo.write("a.yaml", Manifests.configMap("a", "1"))
        .write("keep.yaml", Orchestrated.configMap("keep", "1", """
            argocd.argoproj.io/sync-options: Prune=false
            argocd.argoproj.io/compare-options: IgnoreExtraneous"""));
    String first = repo.commit("two");
    createApp(Orchestrated.app("keeper", ns, repo.url(), "", ""));
    awaitApp("keeper", a -> syncedAt(a, first));

    repo.delete("keep.yaml");
    String second = repo.commit("drop keep");
    Application app = awaitApp("keeper", a -> syncedAt(a, second) && a.getStatus().operationState != null
        && second.equals(a.getStatus().operationState.revision) && !"Running".equals(a.getStatus().operationState.phase));
    assertThat(client.configMaps().inNamespace(ns).withName("keep").get()).isNotNull();
    assertThat(app.getStatus().operationState.results).anySatisfy(r -> {
      assertThat(r.name).isEqualTo("keep");
      assertThat(r.status).isEqualTo("PruneSkipped");
    });
  }

  @Test
  @DisplayName("an object of another app is skipped and reported; with FailOnSharedResource=true the sync fails")
  void sharedResource() throws Exception {
    repo.write("shared.yaml", Manifests.configMap("shared", "1"));
    String sha = repo.commit("shared");
    createApp(Orchestrated.app("owner", ns, repo.url(), "", ""));
    awaitApp("owner", a -> syncedAt(a, sha));

    createApp(Orchestrated.app("intruder", ns, repo.url(), "", "").replace("name: owner", "name: intruder"));
    Application skipped = awaitApp("intruder", a -> a.getStatus() != null && a.getStatus().operationState != null
        && "Succeeded".equals(a.getStatus().operationState.phase));
    assertThat(skipped.getStatus().sync.status).isEqualTo("OutOfSync");
    assertThat(skipped.getStatus().resources).singleElement()
        .satisfies(r -> assertThat(r.message).contains("already managed by application"));

    createApp(Orchestrated.app("strict", ns, repo.url(), "syncOptions: [FailOnSharedResource=true]", ""));
    Application strict = awaitApp("strict", a -> a.getStatus() != null && a.getStatus().operationState != null
        && "Failed".equals(a.getStatus().operationState.phase));
    assertThat(strict.getStatus().operationState.message).contains("FailOnSharedResource");
    assertThat(client.configMaps().inNamespace(ns).withName("shared").get().getMetadata().getAnnotations())
        .containsEntry("keelson.dev/tracking-id", ns + "/owner:/ConfigMap:" + ns + "/shared");
  }

  @Test
  @DisplayName("Replace=true writes the whole object (fields added by others are dropped); Force=true recreates what cannot change")
  void replaceAndForce() throws Exception {
    repo.write("whole.yaml", Orchestrated.configMap("whole", "1", "keelson.dev/sync-options: Replace=true"))
        .write("frozen.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: frozen
              annotations:
                argocd.argoproj.io/sync-options: Force=true
            immutable: true
            data:
              value: "1"
            """);
    String first = repo.commit("replace and force");
    createApp(Orchestrated.app("writer", ns, repo.url(), "", ""));
    awaitApp("writer", a -> syncedAt(a, first));
    String frozenUid = client.configMaps().inNamespace(ns).withName("frozen").get().getMetadata().getUid();
    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("whole"), c -> {
      c.getMetadata().getLabels().put("added-by", "someone");
      return c;
    });

    repo.write("whole.yaml", Orchestrated.configMap("whole", "2", "keelson.dev/sync-options: Replace=true"))
        .write("frozen.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: frozen
              annotations:
                argocd.argoproj.io/sync-options: Force=true
            immutable: true
            data:
              value: "2"
            """);
    String second = repo.commit("change both");
    awaitApp("writer", a -> syncedAt(a, second));
    var whole = client.configMaps().inNamespace(ns).withName("whole").get();
    assertThat(whole.getData()).containsEntry("value", "2");
    assertThat(whole.getMetadata().getLabels()).doesNotContainKey("added-by");
    var frozen = client.configMaps().inNamespace(ns).withName("frozen").get();
    assertThat(frozen.getData()).containsEntry("value", "2");
    assertThat(frozen.getMetadata().getUid()).isNotEqualTo(frozenUid);
  }
}
