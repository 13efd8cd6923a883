package dev.keelson.automation.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.automation.image.ImageName;
import org.junit.jupiter.api.Test;

class YamlValueAndImageTagsTest {
  static final String VALUES = """
      # values of the web chart\r
      replicas: 2\r
      sidecar:\r
        tag: "9.9"\r
      image:\r
        repository: ghcr.io/org/web\r
        tag: "1.0.0"   # promoted\r
      """;

  @Test
  void aValueAtADottedPathIsReadAndSetOnItsLineAlone() {
    assertThat(YamlValue.read(VALUES, "image.tag")).contains("1.0.0");
    assertThat(YamlValue.read(VALUES, "sidecar.tag")).contains("9.9");
    assertThat(YamlValue.read(VALUES, "replicas")).contains("2");
    assertThat(YamlValue.read(VALUES, "tag")).isEmpty();
    assertThat(YamlValue.read(VALUES, "image.digest")).isEmpty();
    assertThat(YamlValue.write(VALUES, "image.tag", "1.2.0"))
        .isEqualTo(VALUES.replace("tag: \"1.0.0\"   # promoted", "tag: \"1.2.0\"   # promoted"));
    assertThatThrownBy(() -> YamlValue.write(VALUES, "image", "x")).hasMessage("no scalar at image");
  }

  @Test
  void aRevisionInAnApplicationManifest() {
    String app = "apiVersion: keelson.dev/v1alpha1\nkind: Application\nmetadata:\n  name: prod\nspec:\n  source:\n"
        + "    repoURL: https://git.example/app.git\n    revision: v1.0.0\n    path: envs/prod\n";
    assertThat(YamlValue.write(app, "spec.source.revision", "v1.1.0")).isEqualTo(app.replace("v1.0.0", "v1.1.0"));
  }

  @Test
  void anImageTagInKustomizationEntriesAndImageFields() {
    ImageName web = ImageName.parse("ghcr.io/org/web");
    String kustomization = "resources: [deploy.yaml]\nimages:\n- name: ghcr.io/org/web\n  newTag: 1.0.0\n";
    assertThat(ImageTags.find("kustomization.yaml", kustomization, web)).contains("1.0.0");
    assertThat(ImageTags.rewrite("envs/prod/kustomization.yaml", kustomization, web, "1.1.0").text())
        .isEqualTo(kustomization.replace("1.0.0", "1.1.0"));
    String deploy = "spec:\n  containers:\n  - name: web\n    image: ghcr.io/org/web:1.0.0 # {\"$imagepolicy\": \"ns:web\"}\n"
        + "  - name: proxy\n    image: \"ghcr.io/org/proxy:1.0.0\"\n";
    assertThat(ImageTags.find("deploy.yaml", deploy, web)).contains("1.0.0");
    assertThat(ImageTags.find("deploy.yaml", deploy, ImageName.parse("ghcr.io/org/other"))).isEmpty();
    var r = ImageTags.rewrite("deploy.yaml", deploy, web, "1.1.0");
    assertThat(r.text()).isEqualTo(deploy.replace("web:1.0.0", "web:1.1.0"));
    assertThat(r.changes()).hasSize(1);
    assertThat(r.changes().get(0).oldValue()).isEqualTo("ghcr.io/org/web:1.0.0");
    assertThat(ImageTags.rewrite("deploy.yaml", deploy, web, "1.0.0").changes()).isEmpty();
  }
}
