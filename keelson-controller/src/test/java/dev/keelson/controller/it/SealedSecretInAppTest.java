package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.secrets.sealed.Sealer;
import dev.keelson.secrets.sealed.SealingScope;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A SealedSecret in Git: the app applies it, the controller unseals it, the app waits for it. */
class SealedSecretInAppTest extends SealedSecretsTestBase {
  static Sealer sealer;

  @BeforeAll
  static void start() throws Exception {
    startController(Duration.ofDays(30), keyNamespace -> {});
    sealer = sealerOf(awaitPublishedCert(cm -> true));
  }

  @Test
  @DisplayName("an app with a SealedSecret is Healthy once its Secret is in place, Degraded with the reason when it cannot be opened")
  void appWaitsForItsSecrets() throws Exception {
    try (GitFixture repo = new GitFixture()) {
      String good = client.getKubernetesSerialization().asYaml(
          seal(sealer, ns, "db", Map.of("password", "in-git-sealed"), SealingScope.STRICT));
      repo.write("app/db.yaml", good);
      repo.commit("sealed db password");
      client.resource(client.getKubernetesSerialization().unmarshal(
          Manifests.application("shop", ns, repo.url(), "app", true, true, true, "2s"), Application.class)).create();

      awaitApp("shop", a -> health(a, "Healthy"));
      assertThat(value(secret(ns, "db"), "password")).isEqualTo("in-git-sealed");

      // sealed for another name: the app goes Degraded with the controller's reason; no Secret
      var wrong = seal(sealer, ns, "other", Map.of("password", "never-opened"), SealingScope.STRICT);
      wrong.getMetadata().setName("cache");
      repo.write("app/cache.yaml", client.getKubernetesSerialization().asYaml(wrong));
      repo.commit("a wrongly sealed secret");
      Application degraded = awaitApp("shop", a -> health(a, "Degraded"));
      assertThat(degraded.getStatus().resources).filteredOn(r -> "cache".equals(r.name)).singleElement()
          .satisfies(r -> assertThat(r.health.message).isEqualTo("no key could decrypt secret (password)"));
      assertThat(secret(ns, "cache")).isNull();
      assertThat(client.getKubernetesSerialization().asYaml(degraded.getStatus())).doesNotContain("never-opened").doesNotContain("in-git-sealed");
    }
  }

  private static boolean health(Application a, String status) {
    return a.getStatus() != null && a.getStatus().health != null && status.equals(a.getStatus().health.status);
  }

  Application awaitApp(String name, Predicate<Application> condition) {
    try {
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> Optional.ofNullable(
          client.resources(Application.class).inNamespace(ns).withName(name).get()).filter(condition).isPresent());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      Application last = client.resources(Application.class).inNamespace(ns).withName(name).get();
      throw new AssertionError("application " + name + " did not reach the expected state; last seen: "
          + (last == null ? "absent" : client.getKubernetesSerialization().asYaml(last.getStatus())), e);
    }
    return client.resources(Application.class).inNamespace(ns).withName(name).get();
  }
}
