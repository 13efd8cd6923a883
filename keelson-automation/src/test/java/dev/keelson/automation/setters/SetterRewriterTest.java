package dev.keelson.automation.setters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.automation.image.ChosenImage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetterRewriterTest {
  static final Map<String, ChosenImage> CHOSEN = Map.of(
      "apps:web", new ChosenImage("127.0.0.1:5000/team/web", "1.2.0", "sha256:abcd"),
      "apps:api", new ChosenImage("ghcr.io/org/api", "2.0.1", null));

  @Test
  void onlyTheValueOnTheMarkedLineChanges() {
    String before = """
        # the web tier; keep this comment
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web   # trailing comment stays
        spec:
          template:
            spec:
              containers:
              - name: web
                image: 127.0.0.1:5000/team/web:1.0.0 # {"$imagepolicy": "apps:web"}
              - name: sidecar
                image: 127.0.0.1:5000/team/web:1.0.0
                # image: not-a-setter:1.0 {"$imagepolicy": "apps:web"}
        """;
    Rewrite r = SetterRewriter.rewrite("deploy.yaml", before, CHOSEN);
    assertThat(r.text()).isEqualTo(before.replace("web:1.0.0 # {", "web:1.2.0 # {"));
    assertThat(r.changes()).containsExactly(
        new Change("deploy.yaml", 11, "127.0.0.1:5000/team/web:1.0.0", "127.0.0.1:5000/team/web:1.2.0", "apps:web"));
  }

  @Test
  void tagNameAndDigestSuffixesAndQuotesAndListItems() {
    String before = "images:\n"
        + "  - name: web\n"
        + "    newName: \"127.0.0.1:5000/team/web\"  # {\"$imagepolicy\": \"apps:web:name\"}\n"
        + "    newTag: '1.0.0' #   {\"$imagepolicy\":\"apps:web:tag\"}\n"
        + "    digest: sha256:0000 # {\"$imagepolicy\": \"apps:web:digest\"}\n"
        + "args:\n"
        + "- ghcr.io/org/api:1.0.0 # {\"$imagepolicy\": \"apps:api\"}\n"
        + "other: ghcr.io/org/api:1.0.0 # {\"$imagepolicy\": \"apps:unknown\"}\n";
    Rewrite r = SetterRewriter.rewrite("kustomization.yaml", before, CHOSEN);
    assertThat(r.text()).isEqualTo("images:\n"
        + "  - name: web\n"
        + "    newName: \"127.0.0.1:5000/team/web\"  # {\"$imagepolicy\": \"apps:web:name\"}\n"
        + "    newTag: '1.2.0' #   {\"$imagepolicy\":\"apps:web:tag\"}\n"
        + "    digest: sha256:abcd # {\"$imagepolicy\": \"apps:web:digest\"}\n"
        + "args:\n"
        + "- ghcr.io/org/api:2.0.1 # {\"$imagepolicy\": \"apps:api\"}\n"
        + "other: ghcr.io/org/api:1.0.0 # {\"$imagepolicy\": \"apps:unknown\"}\n");
    assertThat(r.changes()).extracting(Change::setter).containsExactly("apps:web:tag", "apps:web:digest", "apps:api");
  }

  @Test
  void aFileAlreadyCurrentIsUntouchedAndCrlfIsKept() {
    String current = "image: ghcr.io/org/api:2.0.1 # {\"$imagepolicy\": \"apps:api\"}\r\nx: 1\r\n";
    Rewrite same = SetterRewriter.rewrite("a.yaml", current, CHOSEN);
    assertThat(same.changed()).isFalse();
    assertThat(same.text()).isSameAs(current);
    Rewrite crlf = SetterRewriter.rewrite("a.yaml", current.replace("2.0.1", "1.0"), CHOSEN);
    assertThat(crlf.text()).isEqualTo(current);
  }

  @Test
  void aDigestMarkerWithoutADigestIsLeftAlone() {
    String text = "digest: sha256:0 # {\"$imagepolicy\": \"apps:api:digest\"}";
    assertThat(SetterRewriter.rewrite("a.yaml", text, CHOSEN).changed()).isFalse();
  }

  @Test
  void markersAreListed() {
    assertThat(SetterRewriter.policiesNamed("a: b # {\"$imagepolicy\": \"ns:p:tag\"}\nc: d\n")).containsExactly("ns:p");
    assertThat(PolicyRef.parse("ns")).isEmpty();
    assertThat(PolicyRef.parse("ns:p:other")).isEmpty();
  }
}
