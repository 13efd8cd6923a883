package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.runtime.ApplicationReconciler;
import dev.keelson.controller.runtime.KeelsonController;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Repositories written for Argo CD, run unchanged against the real API server. */
class RealRepositoriesTest extends ControllerTestBase {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private boolean syncedAndHealthy(Application a, String sha) {
    return syncedAt(a, sha) && healthy(a);
  }

  private void assertNoDiff(Application app) throws Exception {
    var report = KeelsonController.differ(client, Files.createTempDirectory("keelson-diff-"))
        .diff(AppSettings.of(app), app.getStatus());
    assertThat(report.different()).as(report.text()).isFalse();
  }

  @Test
  @DisplayName("guestbook: ports without protocol apply, become Healthy, and show no drift")
  void guestbookWithoutProtocols() throws Exception {
    repo.write("guestbook/guestbook-ui-deployment.yaml", ExampleRepos.GUESTBOOK_DEPLOYMENT)
        .write("guestbook/guestbook-ui-svc.yaml", ExampleRepos.GUESTBOOK_SERVICE);
    String sha = repo.commit("guestbook");
    createApp(Manifests.application("guestbook", ns, repo.url(), "guestbook", true, true, true, "2s"));
    Application app = awaitApp("guestbook", a -> syncedAndHealthy(a, sha));

    var svc = client.services().inNamespace(ns).withName("guestbook-ui").get();
    assertThat(svc.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
    assertNoDiff(app);
    // a second look by the controller (forced refresh through the interval) still finds nothing to do
    long generationSyncs = app.getStatus().history.size();
    await().pollDelay(Duration.ofSeconds(5)).atMost(TIMEOUT).until(() -> synced(app("guestbook")));
    assertThat(app("guestbook").getStatus().history).hasSize((int) generationSyncs);
  }

  @Test
  @DisplayName("kustomize guestbook with namePrefix syncs although another kustomization in the repository does not build")
  void kustomizeGuestbookBesideABrokenKustomization() throws Exception {
    repo.write("kustomize-guestbook/kustomization.yaml", ExampleRepos.KUSTOMIZE_GUESTBOOK)
        .write("kustomize-guestbook/guestbook-ui-deployment.yaml", ExampleRepos.GUESTBOOK_DEPLOYMENT)
        .write("kustomize-guestbook/guestbook-ui-svc.yaml", ExampleRepos.GUESTBOOK_SERVICE)
        .write("plugins/kustomized-helm/kustomization.yaml", ExampleRepos.BROKEN_PLUGIN_KUSTOMIZATION);
    String sha = repo.commit("kustomize guestbook");
    createApp(Manifests.application("kustomize-guestbook", ns, repo.url(), "kustomize-guestbook", true, true, true, "2s"));
    Application app = awaitApp("kustomize-guestbook", a -> syncedAndHealthy(a, sha));
    assertThat(client.apps().deployments().inNamespace(ns).withName("kustomize-guestbook-ui").get()).isNotNull();
    assertNoDiff(app);
  }

  @Test
  @DisplayName("generateName hooks: a fresh Job per operation, named after it, deleted once it succeeded")
  void generateNameHooks() throws Exception {
    repo.write("hooks/pre.yaml", ExampleRepos.generatedHook("before-", "PreSync"))
        .write("hooks/post.yaml", ExampleRepos.generatedHook("after-", "PostSync"))
        .write("hooks/cm.yaml", Manifests.configMap("settings", "one"));
    String first = repo.commit("hooks");
    createApp(Manifests.application("hooks", ns, repo.url(), "hooks", true, true, true, "2s"));
    Application app = awaitApp("hooks", a -> syncedAt(a, first) && WavesAndHooksTest.succeeded(a));
    List<String> firstRun = hookNames(app);
    assertThat(firstRun).hasSize(2).anyMatch(n -> n.matches("before-[0-9a-f]{10}"))
        .anyMatch(n -> n.matches("after-[0-9a-f]{10}"));
    // HookSucceeded is the default for generated names: nothing piles up
    await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).list().getItems().isEmpty());

    repo.write("hooks/cm.yaml", Manifests.configMap("settings", "two"));
    String second = repo.commit("second");
    app = awaitApp("hooks", a -> syncedAt(a, second) && WavesAndHooksTest.succeeded(a));
    List<String> secondRun = hookNames(app);
    assertThat(secondRun).hasSize(2).doesNotContainAnyElementsOf(firstRun);
    assertThat(app.getStatus().resources).extracting(r -> r.name).containsExactly("settings");
  }

  private static List<String> hookNames(Application app) {
    return app.getStatus().operationState.results.stream()
        .filter(r -> r.hookPhase != null).map(r -> r.name + "").toList();
  }

  @Test
  @DisplayName("generateName on an object that is not a hook is refused, naming the file")
  void generateNameOutsideHooksIsRefused() throws Exception {
    repo.write("app/job.yaml", ExampleRepos.generatedHook("batch-", "PreSync").replace(
        "    argocd.argoproj.io/hook: PreSync\n", "    example.com/owner: team\n"));
    repo.commit("not a hook");
    createApp(Manifests.application("nohook", ns, repo.url(), "app", true, true, true, "2s"));
    Application app = awaitApp("nohook", a -> conditionIs(a, "Stalled", "True"));
    assertThat(condition(app, "Ready").orElseThrow().getMessage())
        .contains("job.yaml").contains("generateName is only supported on hooks");
  }

  @Test
  @DisplayName("app of apps: the parent creates its children, is Healthy only once they are, and deleting it deletes them and theirs")
  void appOfApps() throws Exception {
    repo.write("guestbook/guestbook-ui-deployment.yaml", ExampleRepos.GUESTBOOK_DEPLOYMENT)
        .write("guestbook/guestbook-ui-svc.yaml", ExampleRepos.GUESTBOOK_SERVICE)
        .write("kustomize-guestbook/kustomization.yaml", ExampleRepos.KUSTOMIZE_GUESTBOOK)
        .write("kustomize-guestbook/guestbook-ui-deployment.yaml", ExampleRepos.GUESTBOOK_DEPLOYMENT)
        .write("kustomize-guestbook/guestbook-ui-svc.yaml", ExampleRepos.GUESTBOOK_SERVICE)
        .write("apps/guestbook.yaml", ExampleRepos.childApp("child-guestbook", ns, repo.url(), "guestbook"))
        .write("apps/kustomize-guestbook.yaml",
            ExampleRepos.childApp("child-kustomize", ns, repo.url(), "kustomize-guestbook"));
    String sha = repo.commit("app of apps");
    Application parent = client.getKubernetesSerialization().unmarshal(
        Manifests.application("root", ns, repo.url(), "apps", true, true, false, "2s"), Application.class);
    parent.getMetadata().setFinalizers(List.of(ApplicationReconciler.RESOURCES_FINALIZER));
    client.resource(parent).create();

    Application root = awaitApp("root", a -> syncedAndHealthy(a, sha));
    for (String child : List.of("child-guestbook", "child-kustomize")) {
      assertThat(healthy(app(child))).as(child + " is Healthy when the parent is").isTrue();
    }
    assertThat(root.getStatus().resources).extracting(r -> r.kind + "/" + r.name)
        .containsExactlyInAnyOrder("Application/child-guestbook", "Application/child-kustomize");

    // a child turning unhealthy shows in the parent (its pods stop becoming ready), and recovers
    var guestbook = client.apps().deployments().inNamespace(ns).withName("guestbook-ui");
    guestbook.patch(MERGE, "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"keelson.dev/simulate-ready\":\"false\"}}}}}");
    awaitApp("root", a -> a.getStatus().health != null && "Progressing".equals(a.getStatus().health.status));
    guestbook.patch(MERGE, "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"keelson.dev/simulate-ready\":null}}}}}");
    awaitApp("root", a -> healthy(a));

    client.resources(Application.class).inNamespace(ns).withName("root").delete();
    await().atMost(TIMEOUT).until(() -> app("root") == null);
    assertThat(app("child-guestbook")).isNull();
    assertThat(app("child-kustomize")).isNull();
    assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(client.services().inNamespace(ns).list().getItems())
        .extracting(s -> s.getMetadata().getName()).doesNotContain("guestbook-ui", "kustomize-guestbook-ui");
  }
}
