package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PruneTest extends ControllerTestBase {

  @Test
  @DisplayName("with prune, objects removed from Git are deleted and leave the inventory")
  void pruneDeletesRemovedObjects() throws Exception {
    repo.write("a.yaml", Manifests.configMap("a", "1")).write("b.yaml", Manifests.configMap("b", "1"));
    String first = repo.commit("two objects");
    createApp(Manifests.application("pruner", ns, repo.url(), ".", true, true, true, "2s"));
    awaitApp("pruner", a -> syncedAt(a, first));

    repo.delete("b.yaml");
    String second = repo.commit("drop b");
    Application app = awaitApp("pruner", a -> syncedAt(a, second));
    await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(ns).withName("b").get() == null);
    assertThat(client.configMaps().inNamespace(ns).withName("a").get()).isNotNull();
    assertThat(app.getStatus().inventory.entries).extracting(e -> e.id).containsExactly(ns + "_a__ConfigMap");
    assertThat(client.v1().events().inNamespace(ns).list().getItems()).anyMatch(e -> "Pruned".equals(e.getReason()));
  }

  @Test
  @DisplayName("without prune, stale objects are reported as requiring pruning and left alone")
  void noPruneReportsStale() throws Exception {
    repo.write("a.yaml", Manifests.configMap("a", "1")).write("b.yaml", Manifests.configMap("b", "1"));
    String first = repo.commit("two objects");
    createApp(Manifests.application("keeper", ns, repo.url(), ".", true, false, true, "2s"));
    awaitApp("keeper", a -> syncedAt(a, first));

    repo.delete("b.yaml");
    String second = repo.commit("drop b");
    Application app = awaitApp("keeper", a -> a.getStatus().sync != null && second.equals(a.getStatus().sync.revision)
        && "OutOfSync".equals(a.getStatus().sync.status));
    assertThat(app.getStatus().resources).filteredOn(r -> "b".equals(r.name)).singleElement().satisfies(r -> {
      assertThat(r.requiresPruning).isTrue();
      assertThat(r.message).isEqualTo("requires pruning");
    });
    assertThat(client.configMaps().inNamespace(ns).withName("b").get()).isNotNull();
  }

  @Test
  @DisplayName("an object without this app's tracking mark is never pruned, even with the same name")
  void untrackedObjectIsNeverPruned() throws Exception {
    repo.write("a.yaml", Manifests.configMap("a", "1")).write("b.yaml", Manifests.configMap("b", "1"));
    String first = repo.commit("two objects");
    createApp(Manifests.application("careful", ns, repo.url(), ".", true, true, false, "2s"));
    awaitApp("careful", a -> syncedAt(a, first));

    // someone replaces b by an object of their own with the same name
    client.configMaps().inNamespace(ns).withName("b").delete();
    await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(ns).withName("b").get() == null);
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("b").withNamespace(ns).endMetadata()
        .addToData("owner", "someone else").build()).create();

    repo.delete("b.yaml");
    String second = repo.commit("drop b");
    awaitApp("careful", a -> syncedAt(a, second));
    assertThat(client.configMaps().inNamespace(ns).withName("b").get().getData()).containsEntry("owner", "someone else");
    assertThat(app("careful").getStatus().inventory.entries).extracting(e -> e.id).containsExactly(ns + "_a__ConfigMap");
  }
}
