package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SteadyStateTest extends ControllerTestBase {

  @Test
  @DisplayName("when nothing changes, intervals pass without a single write to the app or its objects")
  void steadyStateCostsNoWrites() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("settings", "x"))
        .write("deploy.yaml", Manifests.deployment("web", 1));
    String sha = repo.commit("first");
    createApp(Manifests.application("quiet", ns, repo.url(), ".", true, true, true, "1s"));
    awaitApp("quiet", a -> syncedAt(a, sha) && healthy(a));
    // let the Deployment's own controllers settle before taking the baseline
    await().atMost(TIMEOUT).until(() -> {
      var d = client.apps().deployments().inNamespace(ns).withName("web").get();
      return d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas())
          && d.getStatus().getObservedGeneration().equals(d.getMetadata().getGeneration());
    });
    String appRv = app("quiet").getMetadata().getResourceVersion();
    String cmRv = client.configMaps().inNamespace(ns).withName("settings").get().getMetadata().getResourceVersion();
    long fetchesBefore = controller.gitCache().fetchCount(repo.url());

    // five intervals
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() ->
        appRv.equals(app("quiet").getMetadata().getResourceVersion())
            && cmRv.equals(client.configMaps().inNamespace(ns).withName("settings").get().getMetadata().getResourceVersion()));
    long fetches = controller.gitCache().fetchCount(repo.url()) - fetchesBefore;
    assertThat(fetches).as("at most one fetch per interval").isBetween(1L, 7L);
  }
}
