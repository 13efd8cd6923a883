package dev.keelson.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.cli.install.ControllerManifests;
import dev.keelson.cli.install.DeployFiles;
import dev.keelson.cli.install.InstallOptions;
import dev.keelson.cli.install.RbacDocs;
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
  @DisplayName("docs/install.md's RBAC table is the controller's rules per feature as granted and checked")
  void docsTableMatchesTheRules() throws Exception {
    String doc = Files.readString(DEPLOY.resolveSibling("docs").resolve("install.md"));
    assertThat(doc).contains(RbacDocs.BEGIN, RbacDocs.END);
    String table = doc.substring(doc.indexOf(RbacDocs.BEGIN) + RbacDocs.BEGIN.length() + 1, doc.indexOf(RbacDocs.END));
    assertThat(table).as("run hack/generate-deploy.sh").isEqualTo(RbacDocs.table());
    for (var f : dev.keelson.controller.runtime.ControllerRbac.Feature.values()) {
      assertThat(table).contains("| " + f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " |");
    }
  }

  @Test
  @DisplayName("the Helm chart rendered by Keelson's Helm engine gives the objects `keelson install --controller` applies")
  void chartRendersToTheInstalledObjects() throws Exception {
    // a 1.20 server gets the PodDisruptionBudget of policy/v1beta1, a 1.30 one policy/v1
    Map<String, String> cases = Map.of(InstallOptions.DEFAULT_NAMESPACE, "1.20.2", "elsewhere", "1.30.0");
    for (String ns : cases.keySet()) {
      String kube = cases.get(ns);
      InstallOptions.PdbVersion pdb = kube.startsWith("1.20") ? InstallOptions.PdbVersion.V1BETA1 : InstallOptions.PdbVersion.V1;
      Map<String, byte[]> files = new HashMap<>();
      try (Stream<Path> walk = Files.walk(DEPLOY.resolve("helm/keelson"))) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          files.put("chart/" + DEPLOY.resolve("helm/keelson").relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
      HelmResult r = new HelmRenderer(cache).render(files, "chart",
          HelmOptions.builder("keelson").namespace(ns).kubeVersion(kube).build());
      Map<String, Object> rendered = new TreeMap<>();
      for (Manifest m : r.manifests()) rendered.put(m.kind() + "/" + m.key().namespace() + "/" + m.key().name(), m.body());
      Map<String, Object> expected = new TreeMap<>();
      for (HasMetadata o : ControllerManifests.of(InstallOptions.defaults().withNamespace(ns).withPdb(pdb), json)) {
        if (o.getKind().equals("Namespace")) continue; // helm install --create-namespace makes it
        String namespace = o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
        expected.put(o.getKind() + "/" + namespace + "/" + o.getMetadata().getName(),
            json.unmarshal(json.asYaml(o), Map.class));
      }
      assertThat(rendered.keySet()).as(ns).containsExactlyInAnyOrderElementsOf(expected.keySet());
      expected.forEach((k, v) -> assertThat(rendered.get(k)).as(ns + ": " + k).isEqualTo(v));
      assertThat(rendered).extractingByKey("PodDisruptionBudget/" + ns + "/keelson-controller")
          .satisfies(b -> assertThat(((Map<?, ?>) b).get("apiVersion")).isEqualTo(pdb.apiVersion));
    }
  }
}
