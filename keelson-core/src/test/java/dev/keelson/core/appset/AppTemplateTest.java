package dev.keelson.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppTemplateTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode template(String yaml) throws Exception {
    return YAML.readTree(yaml);
  }

  @Test
  void fastTemplatesSubstituteAndLeaveUnknownTags() throws Exception {
    AppTemplate t = new AppTemplate(template("""
        metadata: {name: '{{cluster}}-web', labels: {env: '{{ cluster }}'}}
        spec: {source: {repoURL: r, path: 'envs/{{cluster}}/{{unknown}}'}}
        """), null, new Templater(Templating.FAST));
    JsonNode app = t.render(new Params(Map.of("cluster", "dev")));
    assertThat(app.at("/metadata/name").asText()).isEqualTo("dev-web");
    assertThat(app.at("/metadata/labels/env").asText()).isEqualTo("dev");
    assertThat(app.at("/spec/source/path").asText()).isEqualTo("envs/dev/{{unknown}}");
  }

  @Test
  void goTemplatesWithMissingKeyErrorAndATemplatePatch() throws Exception {
    Templater go = new Templater(Templating.go(List.of("missingkey=error")));
    AppTemplate t = new AppTemplate(template("""
        metadata: {name: '{{ .name | lower }}'}
        spec: {source: {repoURL: r, path: '{{ .path }}'}}
        """), """
        spec:
          suspend: {{ .suspend }}
        {{- if .auto }}
          syncPolicy: {automated: {prune: true}}
        {{- end }}
        """, go);
    JsonNode app = t.render(new Params(Map.of("name", "Web", "path", "p", "suspend", true, "auto", true)));
    assertThat(app.at("/metadata/name").asText()).isEqualTo("web");
    assertThat(app.at("/spec/suspend").isBoolean()).isTrue();
    assertThat(app.at("/spec/syncPolicy/automated/prune").asBoolean()).isTrue();
    assertThat(app.at("/spec/source/path").asText()).isEqualTo("p");
    assertThatThrownBy(() -> t.render(new Params(Map.of("name", "web", "suspend", false, "auto", false))))
        .isInstanceOf(TemplateException.class).hasMessageContaining("\"path\"");
  }

  @Test
  void aPatchNeedsGoTemplatesAndNamesMustBeValid() throws Exception {
    assertThatThrownBy(() -> new AppTemplate(template("metadata: {name: x}"), "spec: {}", new Templater(Templating.FAST)))
        .hasMessageContaining("goTemplate: true");
    AppTemplate t = new AppTemplate(template("metadata: {name: '{{n}}'}\nspec: {}"), null, new Templater(Templating.FAST));
    assertThatThrownBy(() -> t.render(new Params(Map.of("n", "Not_Valid")))).hasMessageContaining("not a valid Application name");
  }
}
