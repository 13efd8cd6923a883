package dev.keelson.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateTest {
  private static final Map<String, Object> DATA = Map.of(
      "name", "Prod-EU",
      "path", Map.of("path", "apps/web", "basename", "web", "segments", List.of("apps", "web")),
      "values", Map.of("replicas", 3, "empty", ""),
      "tags", List.of("a", "b"));

  private static String render(String t, String... options) {
    return GoTemplate.parse(t, List.of(options)).render(DATA);
  }

  @Test
  void fieldsIndexAndVariables() {
    assertThat(render("{{ .path.basename }}-{{.name}}")).isEqualTo("web-Prod-EU");
    assertThat(render("{{ index .path.segments 1 }}")).isEqualTo("web");
    assertThat(render("{{ index .values \"replicas\" }}")).isEqualTo("3");
    assertThat(render("{{ $p := .path }}{{ $p.path }}/{{ $.name }}")).isEqualTo("apps/web/Prod-EU");
  }

  @Test
  void functions() {
    assertThat(render("{{ .name | lower }}")).isEqualTo("prod-eu");
    assertThat(render("{{ upper .path.basename }}")).isEqualTo("WEB");
    assertThat(render("{{ .values.empty | default \"fallback\" }}")).isEqualTo("fallback");
    assertThat(render("{{ default \"x\" .name }}")).isEqualTo("Prod-EU");
    assertThat(render("{{ printf \"%s-%d\" .path.basename .values.replicas }}")).isEqualTo("web-3");
    assertThat(render("{{ replace \"-\" \"_\" .name }}")).isEqualTo("Prod_EU");
    assertThat(render("{{ .name | lower | replace \"-\" \".\" }}")).isEqualTo("prod.eu");
    assertThat(render("{{ toJson .tags }}")).isEqualTo("[\"a\",\"b\"]");
    assertThat(render("{{ (index .path.segments 0) | upper }}")).isEqualTo("APPS");
  }

  @Test
  void conditionalsAndRange() {
    assertThat(render("{{ if eq .path.basename \"web\" }}yes{{ else }}no{{ end }}")).isEqualTo("yes");
    assertThat(render("{{ if .values.empty }}a{{ else if .name }}b{{ else }}c{{ end }}")).isEqualTo("b");
    assertThat(render("{{ range $i, $t := .tags }}{{ $i }}={{ $t }};{{ end }}")).isEqualTo("0=a;1=b;");
    assertThat(render("{{- range .tags }} {{ . }} {{- end }}")).isEqualTo(" a b");
    assertThat(render("{{ with .path }}{{ .basename }}{{ end }}")).isEqualTo("web");
  }

  @Test
  void missingKeys() {
    assertThat(render("{{ .nope }}")).isEqualTo("<no value>");
    assertThatThrownBy(() -> render("{{ .nope }}", "missingkey=error"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("map has no entry for key \"nope\"");
    assertThatThrownBy(() -> render("{{ .path.nope }}", "missingkey=error")).hasMessageContaining("nope");
    assertThatThrownBy(() -> render("{{ index .values \"nope\" }}", "missingkey=error")).hasMessageContaining("nope");
  }

  @Test
  void unsupportedFailsClearly() {
    assertThatThrownBy(() -> render("{{ sha256sum .name }}")).hasMessageContaining("function \"sha256sum\" is not supported");
    assertThatThrownBy(() -> render("{{ template \"x\" }}")).hasMessageContaining("{{template}} is not supported");
    assertThatThrownBy(() -> render("{{ if .name }}open")).hasMessageContaining("missing {{end}}");
    assertThatThrownBy(() -> render("{{ .name }", "missingkey=error")).hasMessageContaining("missing }}");
    assertThatThrownBy(() -> render("x", "missingkey=explode")).hasMessageContaining("not supported");
  }
}
