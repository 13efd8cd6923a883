package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.RetryOnConflict;
import dev.keelson.api.v1alpha1.Application;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DriftTest extends ControllerTestBase {

  @Test
  @DisplayName("with selfHeal a manual change to a managed field is reverted within seconds, long before the interval")
  void selfHealRevertsDrift() throws Exception {
    repo.write("deploy.yaml", Manifests.deployment("web", 1));
    String sha = repo.commit("first");
    createApp(Manifests.application("heal", ns, repo.url(), ".", true, true, true, "10m"));
    awaitApp("heal", a -> syncedAt(a, sha) && healthy(a));

    RetryOnConflict.edit(client.apps().deployments().inNamespace(ns).withName("web"), d -> {
      d.getSpec().setReplicas(3);
      return d;
    });
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
        client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas() == 1);
    // the revert is applied before its sync is recorded: wait for the record too
    await().atMost(TIMEOUT).until(() -> app("heal").getStatus().history.size() >= 2);
  }

  @Test
  @DisplayName("without selfHeal drift makes the app OutOfSync at once and is left alone; a deleted object shows Missing")
  void driftWithoutSelfHealIsReported() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("settings", "git"));
    String sha = repo.commit("first");
    createApp(Manifests.application("report", ns, repo.url(), ".", true, true, false, "10m"));
    awaitApp("report", a -> syncedAt(a, sha));

    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("settings"), cm -> {
      cm.getData().put("value", "hand-edited");
      return cm;
    });
    Application app = awaitApp("report", a -> "OutOfSync".equals(a.getStatus().sync.status));
    assertThat(app.getStatus().resources).singleElement().satisfies(r -> assertThat(r.status).isEqualTo("OutOfSync"));
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getData())
        .containsEntry("value", "hand-edited");
  }

  @Test
  @DisplayName("fields set by other managers, defaults and status are not drift")
  void otherManagersFieldsAreNotDrift() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("settings", "git"));
    String sha = repo.commit("first");
    createApp(Manifests.application("extra", ns, repo.url(), ".", true, true, true, "10m"));
    awaitApp("extra", a -> syncedAt(a, sha));
    String rv = app("extra").getMetadata().getResourceVersion();

    RetryOnConflict.edit(client.configMaps().inNamespace(ns).withName("settings"), cm -> {
      cm.getData().put("added-by-someone-else", "x");
      cm.getMetadata().getLabels().put("team", "payments");
      return cm;
    });
    // the edit reaches the controller (it reconciles on every change); the app must stay Synced
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> synced(app("extra")));
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getData())
        .containsEntry("added-by-someone-else", "x");
    assertThat(app("extra").getMetadata().getResourceVersion()).isEqualTo(rv);
  }
}
