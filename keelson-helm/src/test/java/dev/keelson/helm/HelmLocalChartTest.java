package dev.keelson.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.model.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmLocalChartTest {

  private static final String CHART = "apps/demo";

  @TempDir Path cacheDir;

  private HelmOptions.Builder options() {
    return HelmOptions.builder("rel").namespace("ns1").kubeVersion("1.29.3");
  }

  private HelmResult render(RepoFiles files, HelmOptions options) throws HelmRenderException {
    return new HelmRenderer(cacheDir).render(files.map(), CHART, options);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(HelmResult r) {
    return (Map<String, Object>) find(r, "ConfigMap", "rel-cm").body().get("data");
  }

  private static Manifest find(HelmResult r, String kind, String name) {
    return r.manifests().stream()
        .filter(m -> m.kind().equals(kind) && m.key().name().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name + " not rendered: " + r.manifests()));
  }

  private static boolean has(HelmResult r, String kind, String name) {
    return r.manifests().stream().anyMatch(m -> m.kind().equals(kind) && m.key().name().equals(name));
  }

  @Test
  void rendersReleaseNameNamespaceOriginsAndChartIdentity() throws Exception {
    HelmResult r = render(RepoFiles.demo(CHART), options().build());
    assertThat(r.engine()).isEqualTo("helm");
    assertThat(r.chartName()).isEqualTo("demo");
    assertThat(r.chartVersion()).isEqualTo("1.2.3");
    Manifest cm = find(r, "ConfigMap", "rel-cm");
    assertThat(cm.key().namespace()).isEqualTo("ns1");
    assertThat(cm.origin()).isEqualTo("templates/cm.yaml#1");
    assertThat(find(r, "Deployment", "rel-web").origin()).isEqualTo("templates/deployment.yaml#1");
    assertThat(data(r)).containsEntry("layer", "chart").containsEntry("portKind", "float64");
  }

  @Test
  void withoutANamespaceTheReleaseIsInDefault() throws Exception {
    HelmResult r = render(RepoFiles.demo(CHART), HelmOptions.builder("other").kubeVersion("1.29.0").build());
    assertThat(find(r, "ConfigMap", "other-cm").key().namespace()).isEqualTo("default");
  }

  @Test
  void eachValuesLayerOverridesTheOneBelow() throws Exception {
    RepoFiles files = RepoFiles.demo(CHART)
        .put(CHART + "/values-prod.yaml", "layer: file\nfromFile: file\nnested:\n  over: file\n");
    HelmOptions o = options()
        .valueFile("values-prod.yaml")
        .valuesFrom(new ValuesFromEntry(Map.of("layer", "valuesFrom", "fromValuesFrom", "valuesFrom"), null, "ConfigMap/a"))
        .valuesFrom(new ValuesFromEntry("targeted", "fromValuesFrom", "Secret/b"))
        .values("layer: values\nfromValues: values\n")
        .valuesObject(Map.of("layer", "object", "fromObject", "object"))
        .parameter("layer", "parameter")
        .build();
    Map<String, Object> d = data(render(files, o));
    assertThat(d).containsEntry("layer", "parameter")
        .containsEntry("fromFile", "file")
        .containsEntry("fromValuesFrom", "targeted")
        .containsEntry("fromValues", "values")
        .containsEntry("fromObject", "object")
        // maps are merged, not replaced
        .containsEntry("keep", "chart")
        .containsEntry("over", "file");
  }

  @Test
  void forceStringKeepsTextThatSetWouldType() throws Exception {
    HelmOptions o = options()
        .parameter("port", "8080")
        .parameter(new HelmParameter("portStr", "8080", true))
        .valuesObject(Map.of("portStr", 1))
        .build();
    Map<String, Object> d = data(render(RepoFiles.demo(CHART), o));
    assertThat(d).containsEntry("portKind", "int64").containsEntry("port", "8080");
    assertThat(d).containsEntry("portStrKind", "string");
  }

  @Test
  void fileParametersReadFilesAnywhereInTheRepository() throws Exception {
    RepoFiles files = RepoFiles.demo(CHART).put("shared/cert.pem", "-----BEGIN X-----\nabc\n");
    HelmOptions o = options().fileParameter("cert", "../../shared/cert.pem").build();
    assertThat(data(render(files, o))).containsEntry("cert", "-----BEGIN X-----\nabc\n");
  }

  @Test
  void valueFilesMayLiveElsewhereInTheRepositoryButNotOutsideIt() throws Exception {
    RepoFiles files = RepoFiles.demo(CHART).put("envs/prod/values.yaml", "layer: prod\n");
    assertThat(data(render(files, options().valueFile("../../envs/prod/values.yaml").build())))
        .containsEntry("layer", "prod");

    assertThatThrownBy(() -> render(files, options().valueFile("../../../etc/passwd").build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("'../../../etc/passwd' escapes the repository")
        .extracting(e -> ((HelmRenderException) e).file()).isEqualTo("../../../etc/passwd");
    assertThatThrownBy(() -> render(files, options().valueFile("/etc/passwd").build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("'/etc/passwd': absolute paths are not allowed");
    assertThatThrownBy(() -> render(files, options().fileParameter("cert", "../../../secret").build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("escapes the repository");
  }

  @Test
  void missingValueFilesFailUnlessIgnored() throws Exception {
    RepoFiles files = RepoFiles.demo(CHART);
    assertThatThrownBy(() -> render(files, options().valueFile("values-missing.yaml").build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("value file 'values-missing.yaml' does not exist")
        .extracting(e -> ((HelmRenderException) e).file()).isEqualTo("values-missing.yaml");
    HelmResult r = render(files, options().valueFile("values-missing.yaml").ignoreMissingValueFiles(true).build());
    assertThat(data(r)).containsEntry("layer", "chart");
  }

  @Test
  void invalidValuesNameTheirLayer() {
    assertThatThrownBy(() -> render(RepoFiles.demo(CHART), options().values("layer: [unclosed\n").build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("helm.values")
        .extracting(e -> ((HelmRenderException) e).file()).isEqualTo("helm.values");
  }

  @Test
  void kubeVersionGatesTheChartAndReachesCapabilities() throws Exception {
    assertThatThrownBy(() -> render(RepoFiles.demo(CHART), options().kubeVersion("1.22.9").build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("chart requires kubeVersion: >=1.23.0-0 which is incompatible with Kubernetes v1.22.9")
        .extracting(e -> ((HelmRenderException) e).file()).isEqualTo("Chart.yaml");
    HelmResult r = render(RepoFiles.demo(CHART), options().kubeVersion("v1.23.0").build());
    assertThat(data(r)).containsEntry("kube", "v1.23.0");
  }

  @Test
  void apiVersionsReachCapabilitiesHas() throws Exception {
    RepoFiles files = RepoFiles.demo(CHART).put(CHART + "/templates/servicemonitor.yaml", """
        {{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: {{ .Release.Name }}
        {{- end }}
        """);
    HelmResult without = render(files, options().build());
    assertThat(data(without)).containsEntry("monitoring", "false");
    assertThat(has(without, "ServiceMonitor", "rel")).isFalse();

    HelmResult with = render(files, options().apiVersions(List.of("monitoring.coreos.com/v1")).build());
    assertThat(data(with)).containsEntry("monitoring", "true");
    assertThat(has(with, "ServiceMonitor", "rel")).isTrue();
  }

  @Test
  void crdsAreIncludedUnlessSkipped() throws Exception {
    HelmResult r = render(RepoFiles.demo(CHART), options().build());
    Manifest crd = find(r, "CustomResourceDefinition", "widgets.example.com");
    assertThat(crd.origin()).isEqualTo("crds/widgets.yaml#1");
    assertThat(has(render(RepoFiles.demo(CHART), options().skipCrds(true).build()),
        "CustomResourceDefinition", "widgets.example.com")).isFalse();
  }

  @Test
  void hooksStayWithTheirAnnotationsAndTestHooksOnlyOnRequest() throws Exception {
    HelmResult r = render(RepoFiles.demo(CHART), options().build());
    Manifest job = find(r, "Job", "rel-migrate");
    assertThat(job.origin()).isEqualTo("templates/hook.yaml#1");
    @SuppressWarnings("unchecked")
    Map<String, Object> annotations = (Map<String, Object>) ((Map<String, Object>) job.body().get("metadata")).get("annotations");
    assertThat(annotations).containsEntry("helm.sh/hook", "pre-install,pre-upgrade").containsEntry("helm.sh/hook-weight", "-5");
    assertThat(has(r, "Pod", "rel-test")).isFalse();

    HelmResult withTests = render(RepoFiles.demo(CHART), options().skipTests(false).build());
    assertThat(find(withTests, "Pod", "rel-test").origin()).isEqualTo("templates/tests/test-connection.yaml#1");
  }

  @Test
  void theChecksumIdiomSeesTheTemplateAsHelmRendersIt() throws Exception {
    HelmResult r = render(RepoFiles.demo(CHART), options().build());
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) find(r, "Deployment", "rel-web").body().get("metadata");
    assertThat(String.valueOf(((Map<?, ?>) meta.get("annotations")).get("checksum/config"))).matches("[0-9a-f]{64}");
  }

  @Test
  void vendoredSubchartsRenderWithTheirHooks() throws Exception {
    RepoFiles files = RepoFiles.demo(CHART)
        .put(CHART + "/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n")
        .put(CHART + "/charts/sub/templates/job.yaml", """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: sub-hook
              annotations: {helm.sh/hook: post-install}
            spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: b}]}}}
            """);
    HelmResult r = render(files, options().build());
    assertThat(find(r, "Job", "sub-hook").origin()).isEqualTo("charts/sub/templates/job.yaml#1");
  }

  @Test
  void crdsOfADisabledSubchartAreLeftOutAsHelmLeavesThemOut() throws Exception {
    RepoFiles files = RepoFiles.demo(CHART)
        .put(CHART + "/Chart.yaml", """
            apiVersion: v2
            name: demo
            version: 1.2.3
            dependencies:
              - name: operator
                version: 0.1.0
                condition: operator.enabled
            """)
        .put(CHART + "/charts/operator/Chart.yaml", "apiVersion: v2\nname: operator\nversion: 0.1.0\n")
        .put(CHART + "/charts/operator/crds/gadgets.yaml", """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gadgets.example.com}
            """);
    HelmResult off = render(files, options().values("operator:\n  enabled: false\n").build());
    assertThat(has(off, "CustomResourceDefinition", "gadgets.example.com")).isFalse();
    HelmResult on = render(files, options().values("operator:\n  enabled: true\n").build());
    assertThat(find(on, "CustomResourceDefinition", "gadgets.example.com").origin())
        .isEqualTo("charts/operator/crds/gadgets.yaml#1");
  }

  @Test
  void packagedSubchartsKeepTheirHooks(@TempDir Path work) throws Exception {
    Path sub = ChartRepoServer.writeChart(work, "sub", "0.3.0");
    java.nio.file.Files.writeString(sub.resolve("templates/hook.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: sub-hook
          annotations: {"helm.sh/hook": post-install, "helm.sh/hook-delete-policy": hook-succeeded}
        spec: {containers: [{name: a, image: b}]}
        """);
    new com.marcnuri.helm.Helm(sub).packageIt().withDestination(work).call();
    RepoFiles files = RepoFiles.demo(CHART);
    files.putBytes(CHART + "/charts/sub-0.3.0.tgz", java.nio.file.Files.readAllBytes(work.resolve("sub-0.3.0.tgz")));
    HelmResult r = render(files, options().build());
    Manifest hook = find(r, "Pod", "sub-hook");
    assertThat(hook.origin()).isEqualTo("charts/sub/templates/hook.yaml#1");
    assertThat(String.valueOf(hook.body().get("metadata"))).contains("helm.sh/hook-delete-policy=hook-succeeded");
    assertThat(has(r, "ConfigMap", "rel-sub")).isTrue();
  }

  @Test
  void valuesFromWithoutTargetPathMustBeAMap() {
    assertThatThrownBy(() -> render(RepoFiles.demo(CHART),
        options().valuesFrom(new ValuesFromEntry("just text", null, "Secret/app")).build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("Secret/app: values must be a map unless targetPath is set");
  }

  @Test
  void aBrokenTemplateIsNamed() {
    RepoFiles files = RepoFiles.demo(CHART).put(CHART + "/templates/broken.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: broken
          value: {{ include "no-such-template" . }}
        """);
    assertThatThrownBy(() -> render(files, options().build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("templates/broken.yaml")
        .hasMessageContaining("no-such-template")
        // the line of the user's template, not of anything Keelson put around it
        .hasMessageContaining("demo/templates/broken.yaml:5:12")
        .hasMessageNotContaining("_keelson-src-")
        .hasMessageNotContaining("$src")
        .extracting(e -> ((HelmRenderException) e).file()).isEqualTo("templates/broken.yaml");

    RepoFiles failing = RepoFiles.demo(CHART).put(CHART + "/templates/failing.yaml", "a: {{ fail \"replicas must be odd\" }}\n");
    assertThatThrownBy(() -> render(failing, options().build()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("execution error at (demo/templates/failing.yaml): replicas must be odd")
        .extracting(e -> ((HelmRenderException) e).file()).isEqualTo("templates/failing.yaml");

    RepoFiles unparsable = RepoFiles.demo(CHART).put(CHART + "/templates/bad.yaml", "a: {{ if }}\n");
    assertThatThrownBy(() -> render(unparsable, options().build()))
        .isInstanceOf(HelmRenderException.class)
        .extracting(e -> ((HelmRenderException) e).file()).isEqualTo("templates/bad.yaml");
  }

  @Test
  void theSameInputsAreServedFromTheCacheWithoutRunningHelm() throws Exception {
    HelmRenderer renderer = new HelmRenderer(cacheDir);
    RepoFiles files = RepoFiles.demo(CHART);
    long t0 = System.nanoTime();
    HelmResult first = renderer.render(files.map(), CHART, options().build());
    long t1 = System.nanoTime();
    HelmResult again = renderer.render(files.map(), CHART, options().build());
    long t2 = System.nanoTime();
    assertThat(again).isSameAs(first);
    assertThat(renderer.helmRuns()).isEqualTo(1);

    renderer.render(files.map(), CHART, options().parameter("layer", "x").build());
    long t3 = System.nanoTime();
    renderer.render(files.put(CHART + "/templates/extra.yaml", "# nothing\n").map(), CHART, options().build());
    assertThat(renderer.helmRuns()).isEqualTo(3);
    System.out.printf("helm render of the demo chart: uncached %.1f ms, cached %.3f ms, uncached after a"
        + " change %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
  }

  @Test
  void aPathWithoutChartYamlIsNotAChart() {
    assertThat(HelmRenderer.isChart(RepoFiles.demo(CHART).map(), CHART)).isTrue();
    assertThat(HelmRenderer.isChart(RepoFiles.demo(CHART).map(), "apps")).isFalse();
    assertThatThrownBy(() -> new HelmRenderer(cacheDir).render(RepoFiles.demo(CHART).map(), "apps", options().build()))
        .isInstanceOf(HelmRenderException.class).hasMessageContaining("not a Helm chart");
  }
}
