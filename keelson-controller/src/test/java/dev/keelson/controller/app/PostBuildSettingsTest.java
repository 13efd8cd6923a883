package dev.keelson.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.api.v1alpha1.ApplicationSpec;
import dev.keelson.api.v1alpha1.PostBuild;
import dev.keelson.api.v1alpha1.Source;
import dev.keelson.controller.app.PostBuildSettings.VariableRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostBuildSettingsTest {

  private static Application app(PostBuild postBuild) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("web").build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.source = new Source();
    spec.source.repoURL = "https://git.example.com/shop/deploy.git";
    spec.postBuild = postBuild;
    app.setSpec(spec);
    return app;
  }

  private static PostBuild.SubstituteReference ref(String kind, String name, Boolean optional) {
    PostBuild.SubstituteReference r = new PostBuild.SubstituteReference();
    r.kind = kind;
    r.name = name;
    r.optional = optional;
    return r;
  }

  private static PostBuild postBuild(Map<String, String> substitute, PostBuild.SubstituteReference... from) {
    PostBuild pb = new PostBuild();
    pb.substitute = substitute;
    pb.substituteFrom = from.length == 0 ? null : List.of(from);
    return pb;
  }

  @Test
  @DisplayName("without spec.postBuild there is nothing to substitute")
  void absent() {
    assertThat(AppSettings.of(app(null)).postBuild()).isNull();
  }

  @Test
  @DisplayName("substitute, substituteFrom in order, strict by default")
  void readsTheSpec() {
    PostBuildSettings s = AppSettings.of(app(postBuild(Map.of("env", "prod"),
        ref("ConfigMap", "cluster-vars", null), ref("Secret", "cluster-secrets", true)))).postBuild();
    assertThat(s.substitute()).isEqualTo(Map.of("env", "prod"));
    assertThat(s.substituteFrom()).containsExactly(
        new VariableRef(VariableRef.Kind.ConfigMap, "cluster-vars", false),
        new VariableRef(VariableRef.Kind.Secret, "cluster-secrets", true));
    assertThat(s.strict()).isTrue();
    PostBuild lenient = postBuild(null);
    lenient.strict = false;
    assertThat(AppSettings.of(app(lenient)).postBuild().strict()).isFalse();
  }

  @Test
  @DisplayName("equal specs give equal settings, whatever the map type; a changed value does not")
  void equality() {
    Map<String, String> ordered = new LinkedHashMap<>();
    ordered.put("b", "2");
    ordered.put("a", "1");
    AppSettings one = AppSettings.of(app(postBuild(ordered, ref("ConfigMap", "v", null))));
    AppSettings two = AppSettings.of(app(postBuild(Map.of("a", "1", "b", "2"), ref("ConfigMap", "v", false))));
    AppSettings three = AppSettings.of(app(postBuild(Map.of("a", "1", "b", "3"), ref("ConfigMap", "v", false))));
    assertThat(one.source()).isEqualTo(two.source());
    assertThat(one.source()).isNotEqualTo(three.source());
    assertThat(one.atRevision("abc").postBuild()).isEqualTo(one.postBuild());
  }

  @Test
  @DisplayName("an unusable entry names the field")
  void invalid() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AppSettings.of(app(postBuild(null, ref("Deployment", "x", null)))))
        .withMessage("spec.postBuild.substituteFrom[0].kind must be ConfigMap or Secret, not Deployment");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AppSettings.of(app(postBuild(null, ref("Secret", "a", null), ref("Secret", " ", null)))))
        .withMessage("spec.postBuild.substituteFrom[1].name is required");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AppSettings.of(app(postBuild(Map.of("my-var", "x")))))
        .withMessageStartingWith("spec.postBuild.substitute: invalid variable name \"my-var\"");
  }

  @Test
  @DisplayName("the settings never show values")
  void toStringHidesValues() {
    assertThat(AppSettings.of(app(postBuild(Map.of("token", "s3cret")))).toString())
        .contains("token").doesNotContain("s3cret");
  }
}
