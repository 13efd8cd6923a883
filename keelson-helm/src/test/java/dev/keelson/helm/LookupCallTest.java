package dev.keelson.helm;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which templates call {@code lookup}, so that their charts are never served from the cache. */
class LookupCallTest {

  @TempDir
  Path cacheDir;

  @Test
  void aChartThatLooksUpIsRefusedWhereLookupWouldReadTheWrongCluster() {
    RepoFiles files = new RepoFiles()
        .put("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n")
        .put("c/templates/ok.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n")
        .put("c/templates/looks.yaml", "{{- $s := lookup \"v1\" \"Secret\" \"ns\" \"db\" }}\napiVersion: v1\n"
            + "kind: ConfigMap\nmetadata: {name: looks}\n");
    assertThatThrownBy(() -> new HelmRenderer(cacheDir).render(files.map(), "c",
        HelmOptions.builder("r").lookup(LookupTarget.REFUSED).build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("templates/looks.yaml").hasMessageContaining("lookup");
  }

  @Test
  void callsInActionsCount() {
    assertThat(ChartRewriter.callsLookup("{{ (lookup \"v1\" \"Secret\" .Release.Namespace \"db\").data }}")).isTrue();
    assertThat(ChartRewriter.callsLookup("{{- $s := lookup \"v1\" \"ConfigMap\" \"\" \"\" -}}")).isTrue();
    assertThat(ChartRewriter.callsLookup("{{ if (lookup \"apps/v1\" \"Deployment\" $ns $n) }}x{{ end }}")).isTrue();
  }

  @Test
  void textStringsFieldsAndOtherNamesDoNot() {
    assertThat(ChartRewriter.callsLookup("lookup: plain text outside actions {{ .Values.x }}")).isFalse();
    assertThat(ChartRewriter.callsLookup("{{ .Values.lookup }}")).isFalse();
    assertThat(ChartRewriter.callsLookup("{{ $lookup := 1 }}")).isFalse();
    assertThat(ChartRewriter.callsLookup("{{ print \"lookup\" }}")).isFalse();
    assertThat(ChartRewriter.callsLookup("{{ include \"chart.lookup-name\" . }}")).isFalse();
    assertThat(ChartRewriter.callsLookup("{{ mylookup 1 }}")).isFalse();
  }
}
