package dev.keelson.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmOciChartTest {

  private static OciRegistry registry;
  private static OciRegistry privateRegistry;
  @TempDir static Path work;
  @TempDir Path cacheDir;

  @BeforeAll
  static void pushCharts() throws Exception {
    registry = new OciRegistry();
    for (String v : new String[] {"1.0.0", "1.4.0", "2.0.0"}) {
      Path chart = ChartRepoServer.writeChart(work, "web", v);
      Path out = Files.createDirectories(work.resolve("pkg-" + v));
      new Helm(chart).packageIt().withDestination(out).call();
      Helm.push().withChart(out.resolve("web-" + v + ".tgz"))
          .withRemote(URI.create("oci://" + registry.host() + "/charts")).plainHttp().call();
    }
    privateRegistry = new OciRegistry(true);
    // helm-java pushes with the credentials `registry login` stores; the test's Helm home is under
    // target/ (see the surefire configuration), so nothing is written to the user's.
    Helm.registry().login().withHost(privateRegistry.host()).withUsername(OciRegistry.USER)
        .withPassword(OciRegistry.PASSWORD).plainHttp().call();
    Helm.push().withChart(work.resolve("pkg-1.4.0").resolve("web-1.4.0.tgz"))
        .withRemote(URI.create("oci://" + privateRegistry.host() + "/team")).plainHttp().call();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
    if (privateRegistry != null) {
      privateRegistry.close();
    }
  }

  private static HelmOptions options() {
    return HelmOptions.builder("rel").build();
  }

  @Test
  void anExactVersionIsPulledAndRendered() throws Exception {
    HelmResult r = new HelmRenderer(cacheDir).render(
        new RemoteChart("oci://" + registry.host() + "/charts", "web", "1.0.0", null), options());
    assertThat(r.chartName()).isEqualTo("web");
    assertThat(r.chartVersion()).isEqualTo("1.0.0");
    assertThat(r.manifests()).extracting(m -> m.key().name()).containsExactly("rel-web");
    assertThat(r.manifests().get(0).origin()).isEqualTo("templates/cm.yaml#1");
  }

  @Test
  void aRangeListsTagsAndPicksTheNewestMatching() throws Exception {
    HelmRenderer renderer = new HelmRenderer(cacheDir);
    assertThat(renderer.render(new RemoteChart("oci://" + registry.host() + "/charts", "web", "^1", null), options())
        .chartVersion()).isEqualTo("1.4.0");
    assertThat(renderer.render(new RemoteChart("oci://" + registry.host() + "/charts/", "web", "", null), options())
        .chartVersion()).isEqualTo("2.0.0");
  }

  @Test
  void aPulledChartIsServedFromTheDigestCache() throws Exception {
    new HelmRenderer(cacheDir).render(new RemoteChart("oci://" + registry.host() + "/charts", "web", "2.0.0", null), options());
    try (var files = Files.list(cacheDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).hasSize(1).allMatch(n -> n.matches("[0-9a-f]{64}\\.tgz"));
    }
  }

  @Test
  void credentialsAreAnsweredToTheRegistrysChallengeAndNeverShown() throws Exception {
    String url = "oci://" + privateRegistry.host() + "/team";
    HelmResult r = new HelmRenderer(cacheDir).render(
        new RemoteChart(url, "web", "^1", new RepositoryAuth(OciRegistry.USER, OciRegistry.PASSWORD, null)), options());
    assertThat(r.chartVersion()).isEqualTo("1.4.0");
    assertThatThrownBy(() -> new HelmRenderer(cacheDir).render(
        new RemoteChart(url, "web", "1.4.0", new RepositoryAuth(OciRegistry.USER, "not-the-password", null)), options()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("refused the credentials")
        .hasMessageNotContaining("not-the-password");
    assertThatThrownBy(() -> new HelmRenderer(cacheDir).render(new RemoteChart(url, "web", "1.4.0", null), options()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("HTTP 401");
  }

  @Test
  void anUnknownChartIsAClearError() {
    assertThatThrownBy(() -> new HelmRenderer(cacheDir).render(
        new RemoteChart("oci://" + registry.host() + "/charts", "nope", "1.0.0", null), options()))
        .isInstanceOf(HelmRenderException.class)
        .hasMessageContaining("nope");
  }
}
