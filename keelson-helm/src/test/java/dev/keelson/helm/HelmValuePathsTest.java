package dev.keelson.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmValuePathsTest {

  @Test
  void setPathsNestMapsAndLists() throws Exception {
    assertThat(SetPath.nest("a.b", "x")).isEqualTo(Map.of("a", Map.of("b", "x")));
    assertThat(SetPath.nest("list[1].name", "x"))
        .isEqualTo(Map.of("list", Arrays.asList(null, Map.of("name", "x"))));
    assertThat(SetPath.nest("annotations.example\\.com/role", "x"))
        .isEqualTo(Map.of("annotations", Map.of("example.com/role", "x")));
    assertThatThrownBy(() -> SetPath.nest("a[x]", "v")).hasMessageContaining("bad list index");
    assertThatThrownBy(() -> SetPath.nest("[0]", "v")).hasMessageContaining("invalid value path");
  }

  @Test
  void helmTypesWhatSetTypes() {
    for (String typed : List.of("true", "FALSE", "null", "0", "8080", "-3")) {
      assertThat(SetPath.helmWouldType(typed)).as(typed).isTrue();
    }
    for (String text : List.of("", "0123", "1.5", "1e3", "yes", "Null", "abc")) {
      assertThat(SetPath.helmWouldType(text)).as(text).isFalse();
    }
  }

  @Test
  void versionsAreChosenAsHelmChoosesThem() {
    List<String> available = List.of("1.0.0", "1.1.0", "1.2.0-rc.1", "2.0.0", "v2.1.0", "not-semver");
    assertThat(VersionChooser.choose(available, "^1.0")).contains("1.1.0");
    assertThat(VersionChooser.choose(available, "~1.0.0")).contains("1.0.0");
    assertThat(VersionChooser.choose(available, ">=1.0.0, <2.0.0")).contains("1.1.0");
    assertThat(VersionChooser.choose(available, ">=1.2.0-0 <2.0.0")).contains("1.2.0-rc.1");
    assertThat(VersionChooser.choose(available, "1.2.0-rc.1")).contains("1.2.0-rc.1");
    assertThat(VersionChooser.choose(available, "")).contains("v2.1.0");
    assertThat(VersionChooser.choose(available, "3.x")).isEmpty();
  }

  @Test
  void specPathsStayInsideTheRepository() throws Exception {
    assertThat(RepoPaths.resolve("apps/demo", "../../envs/prod.yaml", "value file")).isEqualTo("envs/prod.yaml");
    assertThat(RepoPaths.resolve("", "./values.yaml", "value file")).isEqualTo("values.yaml");
    assertThatThrownBy(() -> RepoPaths.resolve("apps", "../../x", "value file")).hasMessageContaining("escapes the repository");
    assertThatThrownBy(() -> RepoPaths.resolve("apps", "https://example.com/v.yaml", "value file"))
        .hasMessageContaining("remote files are not allowed");
  }

  @Test
  void credentialsNeverShow() {
    RepositoryAuth auth = new RepositoryAuth("bob", "hunter2-token", null);
    assertThat(auth.toString()).doesNotContain("hunter2");
    assertThat(Redaction.text("GET https://bob:hunter2-token@charts.example.com/x failed (hunter2-token)", auth))
        .isEqualTo("GET https://charts.example.com/x failed (***)");
  }
}
