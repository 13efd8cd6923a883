package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.v1alpha1.Application;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BadInputTest extends ControllerTestBase {

  @Test
  @DisplayName("a revision with broken YAML applies nothing, reports Stalled naming the file, keeps the last good state, and recovers on a fix")
  void brokenYamlStallsAndKeepsLastGoodState() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("settings", "good"));
    String good = repo.commit("good");
    createApp(Manifests.application("broken", ns, repo.url(), ".", true, true, true, "2s"));
    awaitApp("broken", a -> syncedAt(a, good));

    repo.write("cm.yaml", Manifests.configMap("settings", "never-applied"))
        .write("zz-bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n data: [unclosed\n");
    repo.commit("broken");
    Application app = awaitApp("broken", a -> conditionIs(a, "Stalled", "True"));
    assertThat(condition(app, "Stalled").orElseThrow().getReason()).isEqualTo("RenderFailed");
    assertThat(condition(app, "Ready").orElseThrow().getMessage()).contains("zz-bad.yaml");
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("value", "good");
    assertThat(app.getStatus().sync.revision).isEqualTo(good);

    repo.delete("zz-bad.yaml");
    String fixed = repo.commit("fixed");
    awaitApp("broken", a -> syncedAt(a, fixed) && conditionIs(a, "Stalled", "False"));
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getData())
        .containsEntry("value", "never-applied");
  }

  @Test
  @DisplayName("an unknown kind is reported with the file and the kind, and nothing is applied")
  void unknownKindIsReported() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("settings", "x"))
        .write("widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: {}\n");
    repo.commit("unknown kind");
    createApp(Manifests.application("unknown", ns, repo.url(), ".", true, true, true, "2s"));
    Application app = awaitApp("unknown", a -> conditionIs(a, "Stalled", "True"));
    assertThat(condition(app, "Ready").orElseThrow().getMessage()).contains("widget.yaml").contains("Widget");
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get()).isNull();
  }

  @Test
  @DisplayName("a revision with an object the API server rejects fails the sync, names the object, and changes nothing that runs")
  void rejectedObjectChangesNothing() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("settings", "v1"));
    String good = repo.commit("good");
    createApp(Manifests.application("rejected", ns, repo.url(), ".", true, true, true, "2s"));
    awaitApp("rejected", a -> syncedAt(a, good));

    repo.write("cm.yaml", Manifests.configMap("settings", "v2"))
        .write("svc.yaml", INVALID_SERVICE);
    repo.commit("invalid service");
    Application app = awaitApp("rejected", a -> conditionIs(a, "Stalled", "True"));
    assertThat(condition(app, "Ready").orElseThrow().getReason()).isEqualTo("SyncFailed");
    assertThat(condition(app, "Ready").orElseThrow().getMessage()).contains("svc.yaml").contains("bad-svc");
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("value", "v1");
    assertThat(client.services().inNamespace(ns).withName("bad-svc").get()).isNull();
    assertThat(app.getStatus().history).last().satisfies(h -> assertThat(h.result).isEqualTo("Failed"));
  }

  @Test
  @DisplayName("a first sync stopped by a rejected object reports it by file and name")
  void rejectedObjectOnFirstSyncIsReported() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("settings", "x")).write("svc.yaml", INVALID_SERVICE);
    repo.commit("invalid service");
    createApp(Manifests.application("rejected-first", ns, repo.url(), ".", true, true, true, "2s"));
    Application app = awaitApp("rejected-first", a -> conditionIs(a, "Stalled", "True"));
    assertThat(condition(app, "Ready").orElseThrow().getReason()).isEqualTo("SyncFailed");
    assertThat(condition(app, "Ready").orElseThrow().getMessage()).contains("svc.yaml").contains("bad-svc");
    assertThat(client.services().inNamespace(ns).withName("bad-svc").get()).isNull();
  }

  private static final String INVALID_SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: bad-svc
      spec:
        ports:
        - port: 99999
          protocol: TCP
      """;

  @Test
  @DisplayName("an unreachable Git repository is reported without leaking credentials")
  void unreachableSourceIsReported() {
    createApp(Manifests.application("nogit", ns, "https://user:s3cret-token@127.0.0.1:1/repo.git", ".", true, true, true, "2s"));
    Application app = awaitApp("nogit", a -> conditionIs(a, "Ready", "False")
        && "SourceFailed".equals(condition(a, "Ready").orElseThrow().getReason()));
    assertThat(condition(app, "Ready").orElseThrow().getMessage()).doesNotContain("s3cret-token").contains("127.0.0.1");
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("s3cret-token"));
  }
}
