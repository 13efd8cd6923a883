package dev.keelson.automation.setters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.automation.image.ChosenImage;
import dev.keelson.automation.image.ImageName;
import java.util.List;
import org.junit.jupiter.api.Test;

class KustomizeImagesTest {
  static final List<KustomizeImages.Watched> WEB = List.of(new KustomizeImages.Watched("apps:web",
      ImageName.parse("127.0.0.1:5000/team/web"), new ChosenImage("127.0.0.1:5000/team/web", "1.2.0", "sha256:beef")));

  @Test
  void theEntryOfThePolicysImageGetsItsTagOthersStay() {
    String before = """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - deploy.yaml   # the app
        images:
        # pinned by automation
        - name: web
          newName: 127.0.0.1:5000/team/web
          newTag: "1.0.0"   # moved by Keelson
        - name: nginx
          newTag: 1.25
        """;
    Rewrite r = KustomizeImages.rewrite("kustomization.yaml", before, WEB);
    assertThat(r.text()).isEqualTo(before.replace("\"1.0.0\"", "\"1.2.0\""));
    assertThat(r.changes()).containsExactly(new Change("kustomization.yaml", 9, "1.0.0", "1.2.0",
        "images:127.0.0.1:5000/team/web"));
  }

  @Test
  void aMissingNewTagIsAddedWithTheEntrysIndentationAndAPinnedDigestMoves() {
    String before = "images:\n  - name: 127.0.0.1:5000/team/web\n    digest: sha256:0000\nresources: [a.yaml]\n";
    Rewrite r = KustomizeImages.rewrite("kustomization.yaml", before, WEB);
    assertThat(r.text()).isEqualTo(
        "images:\n  - name: 127.0.0.1:5000/team/web\n    digest: sha256:beef\n    newTag: 1.2.0\nresources: [a.yaml]\n");
    String noNewline = "images:\n- name: 127.0.0.1:5000/team/web";
    assertThat(KustomizeImages.rewrite("k.yaml", noNewline, WEB).text())
        .isEqualTo("images:\n- name: 127.0.0.1:5000/team/web\n  newTag: 1.2.0");
  }

  @Test
  void markedEntriesAndAmbiguousImagesAreLeftToTheSetters() {
    String marked = "images:\n- name: 127.0.0.1:5000/team/web\n  newTag: 1.0.0 # {\"$imagepolicy\": \"apps:other:tag\"}\n";
    assertThat(KustomizeImages.rewrite("k.yaml", marked, WEB).changed()).isFalse();
    List<KustomizeImages.Watched> two = new java.util.ArrayList<>(WEB);
    two.add(new KustomizeImages.Watched("apps:web-rc", ImageName.parse("127.0.0.1:5000/team/web"),
        new ChosenImage("127.0.0.1:5000/team/web", "1.3.0-rc.1", null)));
    String plain = "images:\n- name: 127.0.0.1:5000/team/web\n  newTag: 1.0.0\n";
    assertThat(KustomizeImages.rewrite("k.yaml", plain, two).changed()).isFalse();
    assertThat(KustomizeImages.rewrite("k.yaml", "resources: []\n", WEB).changed()).isFalse();
  }
}
