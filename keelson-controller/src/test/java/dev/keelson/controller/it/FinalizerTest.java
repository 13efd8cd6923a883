package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.runtime.ApplicationReconciler;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FinalizerTest extends ControllerTestBase {
  static final Duration DELETION_TIMEOUT = Duration.ofSeconds(90);

  static boolean succeeded(Application a) {
    var op = a.getStatus() == null ? null : a.getStatus().operationState;
    return op != null && "Succeeded".equals(op.phase);
  }

  Application create(String yaml, boolean withFinalizer) {
    Application app = client.getKubernetesSerialization().unmarshal(yaml, Application.class);
    if (withFinalizer) app.getMetadata().setFinalizers(List.of(ApplicationReconciler.RESOURCES_FINALIZER));
    return client.resource(app).create();
  }

  void deleteApp(String name) {
    client.resources(Application.class).inNamespace(ns).withName(name).delete();
  }

  void awaitGone(String name) {
    await().atMost(DELETION_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> app(name) == null);
  }

  /** Every ADDED, MODIFIED and DELETED of ConfigMaps and Jobs, in the order the watches report them. */
  static final class Timeline implements AutoCloseable {
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Watch> watches = new ArrayList<>();

    Timeline(String ns) {
      watches.add(client.configMaps().inNamespace(ns).watch(recorder()));
      watches.add(client.batch().v1().jobs().inNamespace(ns).watch(recorder()));
    }

    private <T extends HasMetadata> Watcher<T> recorder() {
      return new Watcher<>() {
        @Override
        public void eventReceived(Action action, T resource) {
          if ("kube-root-ca.crt".equals(resource.getMetadata().getName())) return;
          String what = resource.getKind() + "/" + resource.getMetadata().getName();
          seen.add(action + " " + what);
          if (resource instanceof Job job && job.getStatus() != null && Integer.valueOf(1).equals(job.getStatus().getSucceeded())) {
            seen.add("SUCCEEDED " + what);
          }
        }

        @Override
        public void onClose(WatcherException cause) {}
      };
    }

    List<String> seen() {
      synchronized (seen) {
        return List.copyOf(seen);
      }
    }

    @Override
    public void close() {
      watches.forEach(Watch::close);
    }
  }

  @Test
  @DisplayName("with the resources finalizer, deleting the app deletes its objects highest wave first, then runs its PostDelete hook, then lets the app go")
  void cascadingDeletion() throws Exception {
    repo.write("w0.yaml", Orchestrated.configMap("w0", "x", "keelson.dev/sync-wave: \"0\""))
        .write("w1.yaml", Orchestrated.configMap("w1", "x", "keelson.dev/sync-wave: \"1\""))
        .write("w2.yaml", Orchestrated.configMap("w2", "x", "keelson.dev/sync-wave: \"2\""))
        .write("cleanup.yaml", Orchestrated.job("cleanup", "keelson.dev/hook: PostDelete", 0))
        .write("migrate.yaml", Orchestrated.job("migrate", "keelson.dev/hook: PreSync", 0))
        .write("keep.yaml", Orchestrated.configMap("keep", "x", "argocd.argoproj.io/sync-options: Delete=false"));
    String sha = repo.commit("app with a PostDelete hook");
    create(Orchestrated.app("doomed", ns, repo.url(), "", ""), true);
    awaitApp("doomed", a -> syncedAt(a, sha) && succeeded(a));
    for (String name : List.of("w0", "w1", "w2")) {
      assertThat(client.configMaps().inNamespace(ns).withName(name).get()).as(name).isNotNull();
    }
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("cleanup").get())
        .as("a PostDelete hook does not run on sync").isNull();

    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("migrate").get())
        .as("a PreSync hook instance is kept by its default policy").isNotNull();

    List<String> reasons = Collections.synchronizedList(new ArrayList<>());
    try (var deleted = new Orchestrated.Order(client, ns, Watcher.Action.DELETED);
        var timeline = new Timeline(ns);
        Watch appWatch = client.resources(Application.class).inNamespace(ns).withName("doomed").watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Application a) {
            condition(a, "Ready").ifPresent(c -> reasons.add(c.getReason()));
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      deleteApp("doomed");
      awaitGone("doomed");
      await().atMost(TIMEOUT).until(() -> deleted.seen().containsAll(
          List.of("ConfigMap/w0", "ConfigMap/w1", "ConfigMap/w2", "Job/cleanup")));

      assertThat(deleted.seen()).containsSubsequence("ConfigMap/w2", "ConfigMap/w1", "ConfigMap/w0", "Job/cleanup");
      assertThat(timeline.seen()).containsSubsequence(
          "DELETED ConfigMap/w0", "ADDED Job/cleanup", "SUCCEEDED Job/cleanup", "DELETED Job/cleanup");
      // the hook ran once: nothing creates it again once the app is on its way out
      await().during(Duration.ofSeconds(5)).atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
          .until(() -> client.batch().v1().jobs().inNamespace(ns).withName("cleanup").get() == null);
      assertThat(timeline.seen()).filteredOn("ADDED Job/cleanup"::equals).hasSize(1);
    }
    for (String name : List.of("w0", "w1", "w2")) {
      assertThat(client.configMaps().inNamespace(ns).withName(name).get()).as(name).isNull();
    }
    assertThat(client.configMaps().inNamespace(ns).withName("keep").get()).as("Delete=false").isNotNull();
    await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("migrate").get() == null);
    assertThat(reasons).as("the deletion's progress shows in status").contains("Deleting");
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .filteredOn(e -> "Deleted".equals(e.getReason()) && "doomed".equals(e.getInvolvedObject().getName()))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("failed"));
  }

  @Test
  @DisplayName("without the resources finalizer, deleting the app leaves its objects in place")
  void orphansWithoutFinalizer() throws Exception {
    repo.write("w0.yaml", Orchestrated.configMap("kept", "x", "keelson.dev/sync-wave: \"0\""))
        .write("w1.yaml", Orchestrated.configMap("kept-too", "x", "keelson.dev/sync-wave: \"1\""));
    String sha = repo.commit("orphans");
    create(Orchestrated.app("orphaning", ns, repo.url(), "", ""), false);
    awaitApp("orphaning", a -> syncedAt(a, sha) && succeeded(a));

    deleteApp("orphaning");
    awaitGone("orphaning");
    // the objects stay for a good while after the app is gone (the controller saw the deletion)
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          ConfigMap kept = client.configMaps().inNamespace(ns).withName("kept").get();
          ConfigMap keptToo = client.configMaps().inNamespace(ns).withName("kept-too").get();
          return kept != null && kept.getMetadata().getDeletionTimestamp() == null
              && keptToo != null && keptToo.getMetadata().getDeletionTimestamp() == null;
        });
  }

  @Test
  @DisplayName("deleting apps that depend on each other goes in reverse order: the dependent app's objects first")
  void dependentsGoFirst() throws Exception {
    GitFixture other = new GitFixture();
    repo.write("base.yaml", Orchestrated.configMap("base", "x", "keelson.dev/sync-wave: \"0\""));
    String baseSha = repo.commit("base");
    other.write("top.yaml", Orchestrated.configMap("top", "x", "keelson.dev/sync-wave: \"0\""));
    String topSha = other.commit("top");
    create(Orchestrated.app("base", ns, repo.url(), "", ""), true);
    awaitApp("base", a -> syncedAt(a, baseSha) && healthy(a));
    create(Orchestrated.app("top", ns, other.url(), "", "dependsOn: [{name: base}]"), true);
    awaitApp("top", a -> syncedAt(a, topSha) && succeeded(a));

    try (var deleted = new Orchestrated.Order(client, ns, Watcher.Action.DELETED)) {
      deleteApp("base");
      // base waits for top, which is still there
      await().atMost(TIMEOUT).until(() -> condition(app("base"), "Ready")
          .map(c -> "Deleting".equals(c.getReason()) && c.getMessage().contains("top")).orElse(false));
      assertThat(client.configMaps().inNamespace(ns).withName("base").get()).isNotNull();
      deleteApp("top");
      awaitGone("top");
      awaitGone("base");
      await().atMost(TIMEOUT).until(() -> deleted.seen().containsAll(List.of("ConfigMap/top", "ConfigMap/base")));
      assertThat(deleted.seen()).containsSubsequence("ConfigMap/top", "ConfigMap/base");
    } finally {
      other.close();
    }
  }
}
