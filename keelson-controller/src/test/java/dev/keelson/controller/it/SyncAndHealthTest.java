package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import dev.keelson.core.tracking.TrackingMark;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyncAndHealthTest extends ControllerTestBase {

  @Test
  @DisplayName("an automated app applies its manifests, tracks them, and reports Synced and Healthy through the real Deployment controller")
  void automatedAppConverges() throws Exception {
    repo.write("app/cm.yaml", Manifests.configMap("settings", "one"))
        .write("app/deploy.yaml", Manifests.deployment("web", 2))
        .write("other/ignored.yaml", Manifests.configMap("ignored", "x"));
    String sha = repo.commit("first");
    createApp(Manifests.application("shop", ns, repo.url(), "app", true, true, true, "1m"));

    Application app = awaitApp("shop", a -> syncedAt(a, sha) && healthy(a));

    Deployment d = client.apps().deployments().inNamespace(ns).withName("web").get();
    assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
    assertThat(d.getMetadata().getAnnotations()).containsEntry(TrackingMark.ANNOTATION,
        ns + "/shop:apps/Deployment:" + ns + "/web");
    assertThat(d.getMetadata().getManagedFields()).anyMatch(f -> "keelson".equals(f.getManager()));
    assertThat(client.configMaps().inNamespace(ns).withName("ignored").get()).isNull();

    var status = app.getStatus();
    assertThat(status.observedGeneration).isEqualTo(app.getMetadata().getGeneration());
    assertThat(status.inventory.entries).extracting(e -> e.id)
        .containsExactlyInAnyOrder(ns + "_settings__ConfigMap", ns + "_web_apps_Deployment");
    assertThat(status.resources).hasSize(2).allMatch(r -> "Synced".equals(r.status));
    assertThat(status.resources).filteredOn(r -> r.kind.equals("Deployment"))
        .singleElement().satisfies(r -> {
          assertThat(r.group).isEqualTo("apps");
          assertThat(r.version).isEqualTo("v1");
          assertThat(r.health.status).isEqualTo("Healthy");
        });
    assertThat(status.history).as(() -> status.history.stream()
        .map(h -> h.id + " " + h.result + " " + h.message + " " + h.deployedAt).toList().toString())
        .singleElement().satisfies(h -> {
      assertThat(h.revision).isEqualTo(sha);
      assertThat(h.result).isEqualTo("Succeeded");
      assertThat(h.initiatedBy).isEqualTo("automated");
    });
    assertThat(conditionIs(app, "Ready", "True")).isTrue();
    assertThat(conditionIs(app, "Stalled", "False")).isTrue();
    assertThat(conditionIs(app, "Reconciling", "False")).isTrue();
    assertThat(condition(app, "Ready").orElseThrow().getObservedGeneration()).isEqualTo(app.getMetadata().getGeneration());
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .anyMatch(e -> "Synced".equals(e.getReason()) && "shop".equals(e.getInvolvedObject().getName()));
  }

  @Test
  @DisplayName("a new commit lands in the cluster; a commit that changes nothing under the app's path re-applies nothing")
  void commitsLandAndUnrelatedCommitsDoNot() throws Exception {
    repo.write("app/cm.yaml", Manifests.configMap("settings", "one"));
    String first = repo.commit("first");
    createApp(Manifests.application("cfg", ns, repo.url(), "app", true, true, true, "2s"));
    awaitApp("cfg", a -> syncedAt(a, first));

    repo.write("app/cm.yaml", Manifests.configMap("settings", "two"));
    String second = repo.commit("second");
    awaitApp("cfg", a -> syncedAt(a, second));
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("value", "two");

    ConfigMap before = client.configMaps().inNamespace(ns).withName("settings").get();
    int historyBefore = app("cfg").getStatus().history.size();
    repo.write("elsewhere/readme.yaml", Manifests.configMap("elsewhere", "x"));
    String third = repo.commit("unrelated");
    awaitApp("cfg", a -> syncedAt(a, third));
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(app("cfg").getStatus().history).hasSize(historyBefore);
  }

  @Test
  @DisplayName("without automated sync the app reports OutOfSync and waits; a sync request applies it")
  void manualAppWaitsForSyncRequest() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("manual", "v"));
    String sha = repo.commit("first");
    createApp(Manifests.application("manual", ns, repo.url(), ".", false, false, false, "1m"));

    Application app = awaitApp("manual", a -> a.getStatus() != null && a.getStatus().sync != null
        && "OutOfSync".equals(a.getStatus().sync.status));
    assertThat(app.getStatus().sync.revision).isEqualTo(sha);
    assertThat(client.configMaps().inNamespace(ns).withName("manual").get()).isNull();
    assertThat(app.getStatus().resources).singleElement().satisfies(r -> assertThat(r.status).isEqualTo("OutOfSync"));

    RetryOnConflict.edit(client.resources(Application.class).inNamespace(ns).withName("manual"), a -> {
      a.getMetadata().setAnnotations(java.util.Map.of(
          "keelson.dev/sync-requested-at", "2026-01-01T00:00:00Z", "keelson.dev/sync-requested-by", "alice"));
      return a;
    });
    app = awaitApp("manual", a -> synced(a) && "2026-01-01T00:00:00Z".equals(a.getStatus().lastHandledSyncRequest));
    assertThat(client.configMaps().inNamespace(ns).withName("manual").get()).isNotNull();
    assertThat(app.getStatus().history).last().satisfies(h -> assertThat(h.initiatedBy).isEqualTo("alice"));
  }

  @Test
  @DisplayName("a Kustomize overlay renders with a base elsewhere in the repository, and a change to that base lands")
  void kustomizeOverlayWithBaseOutsideItsPath() throws Exception {
    repo.write("base/kustomization.yaml", "resources:\n- cm.yaml\n")
        .write("base/cm.yaml", Manifests.configMap("settings", "base-v1"))
        .write("overlays/staging/kustomization.yaml", "namePrefix: staging-\nresources:\n- ../../base\n");
    String first = repo.commit("overlay");
    createApp(Manifests.application("kust", ns, repo.url(), "overlays/staging", true, true, true, "2s"));
    awaitApp("kust", a -> syncedAt(a, first));
    assertThat(client.configMaps().inNamespace(ns).withName("staging-settings").get().getData())
        .containsEntry("value", "base-v1");

    repo.write("base/cm.yaml", Manifests.configMap("settings", "base-v2"));
    String second = repo.commit("change the base only");
    awaitApp("kust", a -> syncedAt(a, second));
    assertThat(client.configMaps().inNamespace(ns).withName("staging-settings").get().getData())
        .containsEntry("value", "base-v2");
  }
}
