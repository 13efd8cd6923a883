package dev.keelson.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.kube.KubeObjects;
import dev.keelson.localcluster.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Status writes against the real API server while the informer's copy of the app lags behind the
 * controller's own writes: the interleaving that left apps Progressing after their objects were
 * healthy, forced here by handing the writer a copy from before its last write.
 */
class StatusStoreTest {
  static TestCluster cluster;
  static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.shared();
    client = cluster.newClient();
    CrdInstaller.install(client);
  }

  @AfterAll
  static void stop() {
    if (client != null) client.close();
  }

  private Application create(String ns) {
    Application app = client.getKubernetesSerialization().unmarshal("""
        apiVersion: keelson.dev/v1alpha1
        kind: Application
        metadata: {name: race, namespace: %s}
        spec:
          source: {repoURL: "file:///nowhere"}
        """.formatted(ns), Application.class);
    return client.resource(app).create();
  }

  /** A running operation with the given number of results, and history of the given length. */
  private static ApplicationStatus status(String health, int results, int history) {
    ApplicationStatus s = new ApplicationStatus();
    s.observedGeneration = 1L;
    s.health = new ApplicationStatus.HealthStatusView();
    s.health.status = health;
    s.health.message = health.equals("Healthy") ? null : "observed generation 0 is older than generation 1";
    s.operationState = new ApplicationStatus.OperationState();
    s.operationState.id = "op-1";
    s.operationState.phase = "Running";
    s.operationState.message = "waiting";
    for (int i = 0; i < results; i++) {
      var r = new ApplicationStatus.ResourceResult();
      r.kind = "ConfigMap";
      r.version = "v1";
      r.name = "cm-" + i;
      r.status = "Synced";
      r.message = "created";
      s.operationState.results.add(r);
    }
    for (int i = 0; i < history; i++) {
      var h = new ApplicationStatus.HistoryEntry();
      h.id = (long) i + 1;
      h.revision = "rev-" + i;
      h.result = "Succeeded";
      s.history.add(h);
    }
    return s;
  }

  private Application live(String ns) {
    return client.resources(Application.class).inNamespace(ns).withName("race").get();
  }

  @Test
  @DisplayName("each write lands although the app it is given still shows an older status, and the status reads back as written")
  void writesLandOverALaggingCopy() {
    String ns = cluster.createNamespace("status");
    Application lagging = create(ns);
    AppRef ref = new AppRef(ns, "race");
    StatusStore store = new StatusStore(client);

    ApplicationStatus first = status("Progressing", 5, 2);
    store.write(ref, lagging, store.latest(ref, lagging), first);
    // the informer has not seen the first write yet: the app handed over has no status at all
    assertThat(store.latest(ref, lagging)).usingRecursiveComparison().isEqualTo(live(ns).getStatus());
    ApplicationStatus second = status("Healthy", 1, 3);
    store.write(ref, lagging, store.latest(ref, lagging), second);
    assertThat(KubeObjects.toMap(live(ns).getStatus())).isEqualTo(KubeObjects.toMap(second));

    // after a failure nothing remembered is trusted: the status is read from the server
    store.distrust(ref, lagging.getMetadata().getUid());
    assertThat(KubeObjects.toMap(store.latest(ref, lagging))).isEqualTo(KubeObjects.toMap(second));
    ApplicationStatus third = status("Healthy", 0, 0);
    store.write(ref, lagging, store.latest(ref, lagging), third);
    assertThat(KubeObjects.toMap(live(ns).getStatus())).isEqualTo(KubeObjects.toMap(third));
  }

  @Test
  @DisplayName("the cause: a JSON patch computed from the lagging copy is refused by the API server and the status stays behind")
  void aJsonPatchFromALaggingCopyIsRefused() {
    String ns = cluster.createNamespace("status");
    create(ns);
    Application before = client.resources(Application.class).inNamespace(ns).withName("race")
        .editStatus(a -> {
          a.setStatus(status("Progressing", 5, 2));
          return a;
        });
    client.resources(Application.class).inNamespace(ns).withName("race").editStatus(a -> {
      a.setStatus(status("Progressing", 1, 3));
      return a;
    });
    // what the operator framework does without server-side apply: diff the cached copy
    before.getMetadata().setResourceVersion(null);
    assertThatThrownBy(() -> client.resource(before).editStatus(a -> {
          a.setStatus(status("Healthy", 4, 2));
          return a;
        }))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    assertThat(live(ns).getStatus().health.status).isEqualTo("Progressing");
  }
}
