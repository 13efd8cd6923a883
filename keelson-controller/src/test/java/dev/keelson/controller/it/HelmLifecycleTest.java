package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.Annotations;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.controller.runtime.ApplicationReconciler;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Helm's rollback and delete hooks through `keelson app rollback` and deletion with the finalizer. */
class HelmLifecycleTest extends ControllerTestBase {

  private void chart(String value) throws Exception {
    repo.write("chart/Chart.yaml", "apiVersion: v2\nname: life\nversion: 1.0.0\n")
        .write("chart/values.yaml", "v: \"" + value + "\"\n")
        .write("chart/templates/cm.yaml", Manifests.configMap("settings", "{{ .Values.v }}"))
        .write("chart/templates/upgrade.yaml", HelmCharts.hookJob("upgrade-job", "pre-upgrade"))
        .write("chart/templates/rollback.yaml", HelmCharts.hookJob("rollback-job", "pre-rollback,post-rollback"))
        .write("chart/templates/pre-delete.yaml", HelmCharts.hookJob("pre-delete-job", "pre-delete"))
        .write("chart/templates/post-delete.yaml", HelmCharts.hookJob("post-delete-job", "post-delete"));
  }

  private Application create() {
    Application app = client.getKubernetesSerialization().unmarshal(
        Manifests.application("life", ns, repo.url(), "chart", true, true, false, "2s"), Application.class);
    app.getMetadata().setFinalizers(List.of(ApplicationReconciler.RESOURCES_FINALIZER));
    return client.resource(app).create();
  }

  private static boolean succeededAt(Application a, String sha) {
    var op = a.getStatus() == null ? null : a.getStatus().operationState;
    return op != null && "Succeeded".equals(op.phase) && sha.equals(op.revision);
  }

  private static List<String> hooksRun(Application a) {
    return a.getStatus().operationState.results.stream().filter(r -> r.hookPhase != null)
        .map(r -> r.name + ":" + r.hookPhase).toList();
  }

  @Test
  @DisplayName("rollback hooks run on keelson app rollback, not on syncs; upgrade hooks not on a rollback")
  void rollbackHooks() throws Exception {
    chart("1");
    String v1 = repo.commit("v1");
    create();
    Application app = awaitApp("life", a -> succeededAt(a, v1));
    assertThat(hooksRun(app)).isEmpty();
    chart("2");
    String v2 = repo.commit("v2");
    app = awaitApp("life", a -> succeededAt(a, v2));
    assertThat(hooksRun(app)).containsExactly("upgrade-job:PreSync");

    long historyId = app.getStatus().history.stream().filter(h -> v1.equals(h.revision))
        .mapToLong(h -> h.id).findFirst().orElseThrow();
    String at = Instant.now().toString();
    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("life"), a -> {
      var annotations = a.getMetadata().getAnnotations() == null ? new HashMap<String, String>()
          : new HashMap<>(a.getMetadata().getAnnotations());
      annotations.put(Annotations.ROLLBACK, new OperatorRequest("bob", at, null, historyId).toJson());
      a.getMetadata().setAnnotations(annotations);
      return a;
    });
    app = awaitApp("life", a -> at.equals(a.getStatus().lastHandledRollback) && succeededAt(a, v1));
    assertThat(hooksRun(app)).containsExactlyInAnyOrder("rollback-job:PreSync", "rollback-job:PostSync");
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("value", "1");
  }

  @Test
  @DisplayName("deleting the app runs pre-delete hooks before its objects go and post-delete hooks after")
  void deleteHooks() throws Exception {
    chart("1");
    String v1 = repo.commit("v1");
    create();
    awaitApp("life", a -> succeededAt(a, v1));
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("pre-delete-job").get())
        .as("a pre-delete hook never runs in a sync").isNull();

    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    List<Watch> watches = new ArrayList<>();
    watches.add(client.batch().v1().jobs().inNamespace(ns).watch(recorder(Watcher.Action.ADDED, seen)));
    watches.add(client.configMaps().inNamespace(ns).watch(recorder(Watcher.Action.DELETED, seen)));
    try {
      client.resources(Application.class).inNamespace(ns).withName("life").delete();
      await().atMost(TIMEOUT).until(() -> app("life") == null);
      await().atMost(TIMEOUT).until(() -> inWriteOrder(seen).contains("ADDED/post-delete-job"));
      assertThat(inWriteOrder(seen)).containsSubsequence(
          "ADDED/pre-delete-job", "DELETED/settings", "ADDED/post-delete-job");
    } finally {
      watches.forEach(Watch::close);
    }
  }

  /**
   * The events in the order the API server wrote them. Two watches deliver independently, so
   * arrival order says nothing about write order under load; the bundled API server's single etcd
   * gives every write a growing revision.
   */
  private static List<String> inWriteOrder(List<String> seen) {
    return List.copyOf(seen).stream()
        .sorted(java.util.Comparator.comparingLong(e -> Long.parseLong(e.substring(0, e.indexOf(':')))))
        .map(e -> e.substring(e.indexOf(':') + 1)).toList();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Watcher<T> recorder(
      Watcher.Action wanted, List<String> seen) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        // "resourceVersion:event": one etcd orders every write, whichever watch delivers it first
        if (action == wanted) {
          seen.add(resource.getMetadata().getResourceVersion() + ":" + action + "/" + resource.getMetadata().getName());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
