package dev.keelson.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.model.Manifest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmRepositoryChartTest {

  private static ChartRepoServer repo;
  private static ChartRepoServer privateRepo;
  private static ChartRepoServer tlsRepo;
  @TempDir static Path charts;
  @TempDir Path cacheDir;

  @BeforeAll
  static void publish() throws Exception {
    repo = new ChartRepoServer(null, null);
    privateRepo = new ChartRepoServer("alice", "s3cret-pw");
    for (String v : new String[] {"1.0.0", "1.1.0", "1.2.0-rc.1", "2.0.0"}) {
      repo.publish(ChartRepoServer.writeChart(charts, "web", v), "web", v);
    }
    privateRepo.publish(ChartRepoServer.writeChart(charts.resolve("private"), "web", "3.0.0"), "web", "3.0.0");
    tlsRepo = new ChartRepoServer(null, null, java.nio.file.Files.createDirectories(charts.resolve("tls")));
    tlsRepo.publish(ChartRepoServer.writeChart(charts.resolve("tls"), "web", "4.0.0"), "web", "4.0.0");
  }

  @AfterAll
  static void stop() {
    repo.close();
    privateRepo.close();
    tlsRepo.close();
  }

  private static HelmOptions options() {
    return HelmOptions.builder("rel").build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(HelmResult r, String name) {
    Manifest m = r.manifests().stream().filter(x -> x.key().name().equals(name)).findFirst().orElseThrow();
    return (Map<String, Object>) m.body().get("data");
  }

  @Test
  void anExactVersionIsRendered() throws Exception {
    HelmResult r = new HelmRenderer(cacheDir).render(new RemoteChart(repo.url(), "web", "1.0.0", null), options());
    assertThat(r.chartName()).isEqualTo("web");
    assertThat(r.chartVersion()).isEqualTo("1.0.0");
    assertThat(data(r, "rel-web")).containsEntry("version", "1.0.0");
    assertThat(r.manifests().get(0).origin()).isEqualTo("templates/cm.yaml#1");
  }

  @Test
  void aRangePicksTheNewestMatchingStableVersion() throws Exception {
    HelmRenderer renderer = new HelmRenderer(cacheDir);
    assertThat(renderer.render(new RemoteChart(repo.url(), "web", "^1.0", null), options()).chartVersion()).isEqualTo("1.1.0");
    assertThat(renderer.render(new RemoteChart(repo.url(), "web", ">=1.0.0, <3.0.0", null), options()).chartVersion()).isEqualTo("2.0.0");
    assertThat(renderer.render(new RemoteChart(repo.url(), "web", null, null), options()).chartVersion()).isEqualTo("2.0.0");
    assertThatThrownBy(() -> renderer.render(new RemoteChart(repo.url(), "web", "^5", null), options()))
        .isInstanceOf(HelmRenderException.class).hasMessageContaining("no version matches '^5'");
  }

  @Test
  void archivesAreCachedOnDiskByDigest() throws Exception {
    int before = repo.hits("charts/web-1.1.0.tgz");
    new HelmRenderer(cacheDir).render(new RemoteChart(repo.url(), "web", "1.1.0", null), options());
    // A new renderer (as after a restart) with other values: rendered again, archive from disk.
    HelmRenderer restarted = new HelmRenderer(cacheDir);
    HelmResult r = restarted.render(new RemoteChart(repo.url(), "web", "1.1.0", null),
        HelmOptions.builder("rel").values("greeting: hi\n").build());
    assertThat(data(r, "rel-web")).containsEntry("greeting", "hi");
    assertThat(restarted.helmRuns()).isEqualTo(1);
    assertThat(repo.hits("charts/web-1.1.0.tgz") - before).isEqualTo(1);
  }

  @Test
  void valueFilesOfARemoteChartAreInsideIt() throws Exception {
    assertThatThrownBy(() -> new HelmRenderer(cacheDir).render(new RemoteChart(repo.url(), "web", "1.0.0", null),
        HelmOptions.builder("rel").valueFile("../other.yaml").build()))
        .isInstanceOf(HelmRenderException.class).hasMessageContaining("escapes the repository");
  }

  @Test
  void credentialsAreSentAndNeverShown() throws Exception {
    HelmResult r = new HelmRenderer(cacheDir).render(
        new RemoteChart(privateRepo.url(), "web", "3.0.0", new RepositoryAuth("alice", "s3cret-pw", null)), options());
    assertThat(r.chartVersion()).isEqualTo("3.0.0");
    assertThatThrownBy(() -> new HelmRenderer(cacheDir).render(
        new RemoteChart(privateRepo.url(), "web", "3.0.0", new RepositoryAuth("alice", "wrong-pw", null)), options()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining("wrong-pw");
  }

  @Test
  void aGivenCaCertificateIsTrusted() throws Exception {
    HelmResult r = new HelmRenderer(cacheDir).render(
        new RemoteChart(tlsRepo.url(), "web", "4.0.0", new RepositoryAuth(null, null, tlsRepo.caPem())), options());
    assertThat(r.chartVersion()).isEqualTo("4.0.0");
    assertThatThrownBy(() -> new HelmRenderer(cacheDir).render(new RemoteChart(tlsRepo.url(), "web", "4.0.0", null), options()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("cannot fetch");
  }

  @Test
  void aFileDependencyIsTakenFromTheRepository() throws Exception {
    RepoFiles files = new RepoFiles()
        .put("apps/site/Chart.yaml", """
            apiVersion: v2
            name: site
            version: 0.1.0
            dependencies:
              - name: common
                version: 0.1.0
                repository: "file://../../libs/common"
            """)
        .put("apps/site/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ include \"common.name\" . }}}\n")
        .put("libs/common/Chart.yaml", "apiVersion: v2\nname: common\nversion: 0.1.0\ntype: library\n")
        .put("libs/common/templates/_names.tpl", "{{- define \"common.name\" -}}{{ .Release.Name }}-common{{- end -}}\n");
    HelmRenderer renderer = new HelmRenderer(cacheDir);
    HelmResult r = renderer.render(files.map(), "apps/site", options());
    assertThat(r.manifests()).extracting(m -> m.key().name()).containsExactly("rel-common");
    // the dependency's files key the render cache like the chart's own
    files.put("libs/common/templates/_names.tpl", "{{- define \"common.name\" -}}{{ .Release.Name }}-lib{{- end -}}\n");
    assertThat(renderer.render(files.map(), "apps/site", options()).manifests())
        .extracting(m -> m.key().name()).containsExactly("rel-lib");
    files.put("apps/site/Chart.yaml", """
        apiVersion: v2
        name: site
        version: 0.1.0
        dependencies:
          - name: common
            version: 0.1.0
            repository: "file://../../../outside"
        """);
    assertThatThrownBy(() -> renderer.render(files.map(), "apps/site", options()))
        .isInstanceOf(HelmRenderException.class).hasMessageContaining("escapes the repository");
  }

  @Test
  void plainHttpIsRefusedBeyondLoopback() {
    assertThatThrownBy(() -> new HelmRenderer(cacheDir).render(
        new RemoteChart("http://user:pw@charts.example.com/", "web", "1.0.0", null), options()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("only https://")
        .hasMessageNotContaining("user:pw");
  }

  @Test
  void aMissingDependencyIsFetchedAtTheLockedVersion() throws Exception {
    String chart = "apps/site";
    RepoFiles files = new RepoFiles()
        .put(chart + "/Chart.yaml", """
            apiVersion: v2
            name: site
            version: 0.1.0
            dependencies:
              - name: web
                version: "^1.0"
                repository: "%s"
            """.formatted(repo.url()))
        .put(chart + "/values.yaml", "web:\n  greeting: from-parent\n")
        .put(chart + "/templates/svc.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: site}
            spec: {ports: [{port: 80, protocol: TCP}]}
            """);
    HelmRenderer renderer = new HelmRenderer(cacheDir);
    HelmResult newest = renderer.render(files.map(), chart, options());
    Map<String, Object> d = data(newest, "rel-web");
    assertThat(d).containsEntry("version", "1.1.0").containsEntry("greeting", "from-parent");
    assertThat(newest.manifests()).extracting(Manifest::origin).contains("charts/web/templates/cm.yaml#1", "templates/svc.yaml#1");

    files.put(chart + "/Chart.lock", """
        dependencies:
          - name: web
            repository: "%s"
            version: 1.0.0
        digest: sha256:0000
        """.formatted(repo.url()));
    assertThat(data(renderer.render(files.map(), chart, options()), "rel-web")).containsEntry("version", "1.0.0");
  }

  @Test
  void aNewDependencyVersionInTheRangeIsRenderedWithoutOtherChange() throws Exception {
    try (ChartRepoServer moving = new ChartRepoServer(null, null)) {
      moving.publish(ChartRepoServer.writeChart(charts.resolve("moving"), "web", "1.0.0"), "web", "1.0.0");
      RepoFiles files = new RepoFiles().put("Chart.yaml", """
          apiVersion: v2
          name: site
          version: 0.1.0
          dependencies: [{name: web, version: "^1.0", repository: "%s"}]
          """.formatted(moving.url()));
      HelmRenderer renderer = new HelmRenderer(cacheDir);
      assertThat(data(renderer.render(files.map(), "", options()), "rel-web")).containsEntry("version", "1.0.0");
      assertThat(data(renderer.render(files.map(), "", options()), "rel-web")).containsEntry("version", "1.0.0");
      assertThat(renderer.helmRuns()).isEqualTo(1);
      moving.publish(ChartRepoServer.writeChart(charts.resolve("moving"), "web", "1.5.0"), "web", "1.5.0");
      assertThat(data(renderer.render(files.map(), "", options()), "rel-web")).containsEntry("version", "1.5.0");
    }
  }

  @Test
  void aVendoredDependencyIsUsedAsItIs() throws Exception {
    String chart = "site";
    RepoFiles files = new RepoFiles()
        .put(chart + "/Chart.yaml", """
            apiVersion: v2
            name: site
            version: 0.1.0
            dependencies:
              - name: web
                version: "^1.0"
                repository: "http://127.0.0.1:1/unreachable"
            """)
        .put(chart + "/charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.9.9\n")
        .put(chart + "/charts/web/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: vendored}\n");
    HelmResult r = new HelmRenderer(cacheDir).render(files.map(), chart, options());
    assertThat(r.manifests()).extracting(m -> m.key().name()).containsExactly("vendored");
  }
}
