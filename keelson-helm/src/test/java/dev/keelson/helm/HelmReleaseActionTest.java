package dev.keelson.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.sync.ReleaseAction;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An install render and an upgrade render answer .Release.IsInstall / .Release.IsUpgrade as Helm does. */
class HelmReleaseActionTest {

  private static final String CHART = "charts/app";

  @TempDir Path cacheDir;

  private static RepoFiles chart() {
    return new RepoFiles()
        .put(CHART + "/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n")
        .put(CHART + "/templates/_helpers.tpl", """
            {{- define "app.mode" -}}{{ if .Release.IsUpgrade }}upgrade{{ else }}install{{ end }}{{- end -}}
            """)
        .put(CHART + "/templates/cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-flags
            data:
              isInstall: {{ .Release.IsInstall | quote }}
              isUpgrade: {{ $.Release.IsUpgrade | quote }}
              both: {{ and (not .Release.IsInstall) $.Release.IsUpgrade | quote }}
              viaHelper: {{ include "app.mode" . | quote }}
              literal: {{ ".Release.IsUpgrade" | quote }}
              text: .Release.IsUpgrade stays text
              {{- $rel := .Release }}
              viaVariable: {{ $rel.IsUpgrade | quote }}
            """)
        .put(CHART + "/templates/pre-upgrade.yaml", """
            {{- if .Release.IsUpgrade }}
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{ .Release.Name }}-migrate
              annotations:
                helm.sh/hook: pre-upgrade
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: migrate, image: busybox}]
            {{- end }}
            """);
  }

  private HelmResult render(HelmRenderer renderer, ReleaseAction action) throws HelmRenderException {
    return renderer.render(chart().map(), CHART,
        HelmOptions.builder("rel").namespace("ns").kubeVersion("1.29.0").action(action).build());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> flags(HelmResult r) {
    return (Map<String, Object>) find(r, "ConfigMap", "rel-flags").body().get("data");
  }

  private static Manifest find(HelmResult r, String kind, String name) {
    return r.manifests().stream().filter(m -> m.kind().equals(kind) && m.key().name().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name + " not rendered: " + r.manifests()));
  }

  private static boolean has(HelmResult r, String kind, String name) {
    return r.manifests().stream().anyMatch(m -> m.kind().equals(kind) && m.key().name().equals(name));
  }

  @Test
  void theDefaultIsAnInstall() {
    assertThat(HelmOptions.builder("rel").build().action()).isEqualTo(ReleaseAction.Install);
    assertThat(HelmOptions.builder("rel").build().upgrade()).isFalse();
    HelmOptions upgrade = HelmOptions.builder("rel").action(ReleaseAction.Upgrade).build();
    assertThat(upgrade.toBuilder().build().action()).isEqualTo(ReleaseAction.Upgrade);
    assertThat(upgrade.upgrade()).isTrue();
    assertThat(HelmOptions.builder("rel").action(ReleaseAction.Rollback).build().upgrade()).isTrue();
  }

  @Test
  void anInstallRendersAsHelmTemplateDoes() throws Exception {
    HelmResult r = render(new HelmRenderer(cacheDir), ReleaseAction.Install);
    assertThat(flags(r)).containsEntry("isInstall", "true").containsEntry("isUpgrade", "false")
        .containsEntry("both", "false").containsEntry("viaHelper", "install").containsEntry("viaVariable", "false");
    assertThat(has(r, "Job", "rel-migrate")).isFalse();
  }

  @Test
  void anUpgradeAnswersIsUpgradeInActionsOnly() throws Exception {
    HelmResult r = render(new HelmRenderer(cacheDir), ReleaseAction.Upgrade);
    assertThat(flags(r)).containsEntry("isInstall", "false").containsEntry("isUpgrade", "true")
        .containsEntry("both", "true").containsEntry("viaHelper", "upgrade")
        // string literals and plain text are not code
        .containsEntry("literal", ".Release.IsUpgrade").containsEntry("text", ".Release.IsUpgrade stays text")
        // the documented limit: a field reached through a variable keeps the install answer
        .containsEntry("viaVariable", "false");
  }

  @Test
  void aPreUpgradeHookGuardedByIsUpgradeRendersOnUpgradeOnly() throws Exception {
    HelmRenderer renderer = new HelmRenderer(cacheDir);
    assertThat(has(render(renderer, ReleaseAction.Install), "Job", "rel-migrate")).isFalse();
    Manifest job = find(render(renderer, ReleaseAction.Upgrade), "Job", "rel-migrate");
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) job.body().get("metadata");
    assertThat((Map<String, Object>) meta.get("annotations")).containsEntry("helm.sh/hook", "pre-upgrade");
    assertThat(job.origin()).isEqualTo("templates/pre-upgrade.yaml#1");
    // the action is part of the cache key: two renders, two Helm runs
    assertThat(renderer.helmRuns()).isEqualTo(2);
    render(renderer, ReleaseAction.Upgrade);
    // a rollback renders as an upgrade, from the same cache entry
    assertThat(has(render(renderer, ReleaseAction.Rollback), "Job", "rel-migrate")).isTrue();
    assertThat(renderer.helmRuns()).isEqualTo(2);
  }

  @Test
  void onlyRootReleaseFieldsAreRewritten() {
    ReleaseFlags upgrade = new ReleaseFlags(true);
    assertThat(upgrade.apply("{{ if .Release.IsUpgrade }}a{{ end }}")).isEqualTo("{{ if true }}a{{ end }}");
    assertThat(upgrade.apply("{{- if not $.Release.IsInstall -}}")).isEqualTo("{{- if not false -}}");
    assertThat(upgrade.apply("{{ .Values.Release.IsUpgrade }} {{ $ctx.Release.IsUpgrade }}"))
        .isEqualTo("{{ .Values.Release.IsUpgrade }} {{ $ctx.Release.IsUpgrade }}");
    assertThat(upgrade.apply("{{ .Release.IsUpgradeX }} {{ .Release.IsUpgrade.X }}"))
        .isEqualTo("{{ .Release.IsUpgradeX }} {{ .Release.IsUpgrade.X }}");
    assertThat(upgrade.apply("{{ print `.Release.IsUpgrade` .Release.IsUpgrade }}"))
        .isEqualTo("{{ print `.Release.IsUpgrade` true }}");
    assertThat(new ReleaseFlags(false).apply("{{ .Release.IsUpgrade }}")).isEqualTo("{{ .Release.IsUpgrade }}");
  }
}
