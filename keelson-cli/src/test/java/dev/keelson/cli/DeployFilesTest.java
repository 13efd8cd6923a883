package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.cli.install.ControllerManifests;
import dev.keelson.cli.install.DeployFiles;
import dev.keelson.cli.install.InstallOptions;
import dev.keelson.core.model.Manifest;
import dev.keelson.helm.HelmOptions;
import dev.keelson.helm.HelmRenderer;
import dev.keelson.helm.HelmResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/ is what the generator makes now, and its Helm chart renders to what the CLI installs. */
class DeployFilesTest {
  static final Path DEPLOY = Path.of("").toAbsolutePath().getParent().resolve("deploy");
  final KubernetesSerialization json = new KubernetesSerialization();

  @TempDir Path cache;

  @Test
  @DisplayName("deploy/ equals what hack/generate-deploy.sh generates now (no file missing, stale or edited)")
  void committedFilesMatchTheGenerator() throws Exception {
    Map<String, String> generated = DeployFiles.render(json);
    Map<String, String> committed = new TreeMap<>();
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String rel = DEPLOY.relativize(p).toString().replace('\\', '/');
        if (rel.startsWith("kustomize/") || rel.startsWith("helm/")) committed.put(rel, Files.readString(p));
      }
    }
    assertThat(committed.keySet()).as("run hack/generate-deploy.sh").containsExactlyInAnyOrderElementsOf(generated.keySet());
    generated.forEach((path, text) -> assertThat(committed.get(path)).as("deploy/" + path + ": run hack/generate-deploy.sh")
        .isEqualTo(text));
  }

  @Test
  @DisplayName("the Helm chart rendered by Keelson's Helm engine gives the objects `keelson install --controller` applies")
  void chartRendersToTheInstalledObjects() throws Exception {
    for (String ns : new String[] {InstallOptions.DEFAULT_NAMESPACE, "elsewhere"}) {
      Map<String, byte[]> files = new HashMap<>();
      try (Stream<Path> walk = Files.walk(DEPLOY.resolve("helm/keelson"))) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          files.put("chart/" + DEPLOY.resolve("helm/keelson").relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
      HelmResult r = new HelmRenderer(cache).render(files, "chart",
          HelmOptions.builder("keelson").namespace(ns).kubeVersion("1.20.2").build());
      Map<String, Object> rendered = new TreeMap<>();
      for (Manifest m : r.manifests()) rendered.put(m.kind() + "/" + m.key().namespace() + "/" + m.key().name(), m.body());
      Map<String, Object> expected = new TreeMap<>();
      for (HasMetadata o : ControllerManifests.of(InstallOptions.defaults().withNamespace(ns), json)) {
        if (o.getKind().equals("Namespace")) continue; // helm install --create-namespace makes it
        String namespace = o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
        expected.put(o.getKind() + "/" + namespace + "/" + o.getMetadata().getName(),
            json.unmarshal(json.asYaml(o), Map.class));
      }
      assertThat(rendered.keySet()).as(ns).containsExactlyInAnyOrderElementsOf(expected.keySet());
      expected.forEach((k, v) -> assertThat(rendered.get(k)).as(ns + ": " + k).isEqualTo(v));
    }
  }
}
