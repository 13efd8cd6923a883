package dev.keelson.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which templates call {@code lookup}, so that their charts are never served from the cache. */
class LookupCallTest {

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
