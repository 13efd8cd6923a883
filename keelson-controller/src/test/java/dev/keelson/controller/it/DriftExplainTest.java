package dev.keelson.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationStatus;
import dev.keelson.controller.engine.AppDiffer;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.core.drift.Classification;
import dev.keelson.core.drift.FieldDrift;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Drift explained from managedFields on the real API server, made by real kubectl (edit, patch,
 * scale, client-side apply) and by a second field manager; and a fight between Keelson's self-heal
 * and another manager, which ends in DriftFight instead of an endless loop.
 */
class DriftExplainTest extends ControllerTestBase {

  /** Runs the real kubectl against the test cluster; returns its output, failing on a non-zero exit. */
  String kubectl(java.util.Map<String, String> env, String... args) throws Exception {
    java.nio.file.Path kubeconfig = Files.createTempFile("kubeconfig-", ".yaml");
    Files.writeString(kubeconfig, cluster.kubeconfigYaml());
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Files.delete(kubeconfig);
    return out;
  }

  String kubectl(String... args) throws Exception {
    return kubectl(java.util.Map.of(), args);
  }

  List<Event> events(String app, String reason) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> app.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
  }

  Optional<ApplicationStatus.ResourceStatus> resource(Application a, String kind, String name) {
    return a.getStatus().resources.stream().filter(r -> kind.equals(r.kind) && name.equals(r.name)).findFirst();
  }

  AppDiffer.Report diff(String name) throws Exception {
    Application a = app(name);
    return KeelsonController.differ(client, client, Files.createTempDirectory("keelson-diff-"))
        .diff(AppSettings.of(a), a.getStatus());
  }

  @Test
  @DisplayName("kubectl edit, patch, scale and client-side apply: each field names its manager and operation, in status, event and diff")
  void driftByKubectl() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("settings", "git"))
        .write("web.yaml", Manifests.deployment("web", 1));
    String sha = repo.commit("two objects");
    createApp(Manifests.application("watched", ns, repo.url(), ".", true, true, false, "1h"));
    awaitApp("watched", a -> syncedAt(a, sha));

    kubectl(java.util.Map.of("KUBE_EDITOR", "sed -i s/value:\\ git/value:\\ edited/"), "-n", ns, "edit", "configmap", "settings");
    kubectl("-n", ns, "scale", "deployment", "web", "--replicas=4");
    kubectl("-n", ns, "patch", "deployment", "web", "--type=json", "-p",
        "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.26\"}]");

    Application drifted = awaitApp("watched", a -> a.getStatus().resources.stream()
        .filter(r -> r.drift != null).count() == 2
        && resource(a, "Deployment", "web").map(r -> r.drift.fields.size() >= 2).orElse(false));
    var cm = resource(drifted, "ConfigMap", "settings").orElseThrow().drift;
    assertThat(cm.fields).singleElement().satisfies(f -> {
      assertThat(f.path).isEqualTo("data.value");
      assertThat(f.manager).isEqualTo("kubectl-edit");
      assertThat(f.operation).isEqualTo("Update");
      assertThat(f.classification).isEqualTo("Person");
      assertThat(f.time).isNotBlank();
    });
    var web = resource(drifted, "Deployment", "web").orElseThrow().drift;
    assertThat(web.fields).extracting(f -> f.path + " " + f.manager + " " + f.classification).contains(
        "spec.template.spec.containers[0].image kubectl-patch Person");
    // a 1.20 API server records no owner for a write through the scale subresource (1.22 does):
    // the field is unattributed rather than blamed on the last writer (kube-controller-manager)
    assertThat(web.fields).filteredOn(f -> f.path.equals("spec.replicas")).singleElement().satisfies(f -> {
      assertThat(f.manager).isNull();
      assertThat(f.classification).isEqualTo("Unattributed");
    });

    await().atMost(TIMEOUT).until(() -> events("watched", "DriftDetected").stream()
        .anyMatch(e -> e.getMessage().contains("data.value git -> edited by kubectl-edit at ")));

    AppDiffer.Report report = diff("watched");
    FieldDrift value = report.diffs().stream().filter(d -> d.key().kind().equals("ConfigMap")).findFirst()
        .orElseThrow().drift().fields().get(0);
    assertThat(value.live()).isEqualTo("edited");
    assertThat(value.desired()).isEqualTo("git");
    assertThat(value.classification()).isEqualTo(Classification.Person);

    // client-side apply of another manifest over the same object
    java.nio.file.Path manifest = Files.createTempFile("cm-", ".yaml");
    Files.writeString(manifest, Manifests.configMap("settings", "applied").replace("name: settings",
        "name: settings\n  namespace: " + ns));
    kubectl("apply", "-f", manifest.toString());
    awaitApp("watched", a -> resource(a, "ConfigMap", "settings")
        .map(r -> r.drift != null && "kubectl-client-side-apply".equals(r.drift.fields.get(0).manager)).orElse(false));
  }

  @Test
  @DisplayName("a second field manager on a field Keelson owns is explained with a ready ignoreDifferences rule; defaults are no drift")
  void driftByAnotherManager() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("owned", "git"))
        .write("web.yaml", Manifests.deployment("plain", 1));
    String sha = repo.commit("one");
    createApp(Manifests.application("other", ns, repo.url(), ".", true, true, false, "1h"));
    Application synced = awaitApp("other", a -> syncedAt(a, sha) && healthy(a));
    // the Deployment's defaults (strategy, revisionHistoryLimit, ...) are not drift
    assertThat(resource(synced, "Deployment", "plain").orElseThrow().drift).isNull();

    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("owned")
        .withNamespace(ns).endMetadata().addToData("value", "theirs").build())
        .fieldManager("config-sync-controller").forceConflicts().serverSideApply();
    Application drifted = awaitApp("other", a -> resource(a, "ConfigMap", "owned").map(r -> r.drift != null).orElse(false));
    var f = resource(drifted, "ConfigMap", "owned").orElseThrow().drift.fields.get(0);
    assertThat(f.manager).isEqualTo("config-sync-controller");
    assertThat(f.operation).isEqualTo("Apply");
    assertThat(f.classification).isEqualTo("Controller");
    String rule = diff("other").diffs().get(0).drift().ignoreRule();
    assertThat(rule).contains("kind: ConfigMap").contains("name: owned").contains("- /data/value");
  }

  @Test
  @DisplayName("self-heal against a controller that keeps changing a field back ends in DriftFight: Keelson stops reverting it and says how to stop the fight")
  void driftFight() throws Exception {
    repo.write("cm.yaml", Manifests.configMap("contested", "git"));
    String sha = repo.commit("one");
    createApp(Manifests.application("fight", ns, repo.url(), ".", true, true, true, "1h"));
    awaitApp("fight", a -> syncedAt(a, sha));

    // the other controller: whenever the value is Git's again, it writes its own
    int[] reverts = {0};
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
      ConfigMap live = client.configMaps().inNamespace(ns).withName("contested").get();
      if ("git".equals(live.getData().get("value"))) {
        reverts[0]++;
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("contested")
            .withNamespace(ns).endMetadata().addToData("value", "mine").build())
            .fieldManager("fighting-controller").forceConflicts().serverSideApply();
      }
      return conditionIs(app("fight"), "DriftFight", "True");
    });
    Application fighting = app("fight");
    assertThat(condition(fighting, "DriftFight").orElseThrow().getMessage())
        .contains("ConfigMap/" + ns + "/contested").contains("fighting-controller").contains("keelson")
        .contains("ignoreDifferences").contains("/data/value");
    // the first write happened before Keelson's first revert; then one after each revert
    assertThat(reverts[0]).isBetween(3, 4);
    await().atMost(TIMEOUT).until(() -> !events("fight", "DriftFight").isEmpty());
    assertThat(events("fight", "DriftReverted")).anySatisfy(e ->
        assertThat(e.getMessage()).contains("data.value git -> mine by fighting-controller").endsWith(", reverted"));

    // Keelson leaves it alone from now on: the other controller's value stays, the app says OutOfSync
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() ->
        "mine".equals(client.configMaps().inNamespace(ns).withName("contested").get().getData().get("value")));
    assertThat(app("fight").getStatus().sync.status).isEqualTo("OutOfSync");
  }
}
