package dev.keelson.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Brings a chart's declared dependencies into its {@code charts/} directory, as {@code helm
 * dependency build} would: vendored ones are used as they are; a missing one is fetched at the
 * version Chart.lock pins (else the newest matching Chart.yaml's range) through the digest cache, or
 * copied from the repository for {@code file://}. Done in Java rather than by helm-java's dependency
 * commands so that credentials are per request and nothing is written to Helm's global cache or
 * repository files.
 */
final class Dependencies {

  private final ChartFetcher fetcher;
  private final Function<String, RepositoryAuth> credentials;

  Dependencies(ChartFetcher fetcher, Function<String, RepositoryAuth> credentials) {
    this.fetcher = fetcher;
    this.credentials = credentials;
  }

  /**
   * @param chartDir the chart on disk
   * @param tree the repository (local chart) or the chart's own files, for {@code file://}
   * @param chartPathInTree where the chart is in {@code tree}
   */
  void ensure(Path chartDir, Map<String, byte[]> tree, String chartPathInTree) throws HelmRenderException, IOException {
    Path chartYaml = chartDir.resolve("Chart.yaml");
    ChartYaml chart = ChartYaml.parse(Files.readAllBytes(chartYaml), "Chart.yaml");
    if (chart.dependencies().isEmpty()) {
      return;
    }
    Path lockFile = chartDir.resolve("Chart.lock");
    List<ChartYaml.Dependency> lock = Files.isRegularFile(lockFile)
        ? ChartYaml.lock(Files.readAllBytes(lockFile), "Chart.lock") : List.of();
    Path charts = chartDir.resolve("charts");
    for (ChartYaml.Dependency dep : chart.dependencies()) {
      if (present(charts, dep.name())) {
        continue;
      }
      String repo = dep.repository() == null ? "" : dep.repository();
      if (repo.startsWith("file://")) {
        copyLocal(tree, chartPathInTree, dep, repo.substring("file://".length()), charts);
        continue;
      }
      if (repo.isEmpty() || repo.startsWith("@") || !(repo.contains("://"))) {
        throw new HelmRenderException("Chart.yaml", "Chart.yaml: dependency " + dep.name()
            + " is missing from charts/ and its repository '" + repo
            + "' is not a URL (repository aliases need Helm's local repository configuration)");
      }
      String version = lock.stream().filter(l -> dep.name().equals(l.name()) && repo.equals(l.repository()))
          .map(ChartYaml.Dependency::version).findFirst().orElse(dep.version());
      FetchedChart fetched = fetcher.fetch(new RemoteChart(repo, dep.name(), version, credentials.apply(repo)));
      Files.createDirectories(charts);
      Files.write(charts.resolve(dep.name() + "-" + fetched.version() + ".tgz"), fetched.archive());
    }
  }

  private static boolean present(Path charts, String name) throws IOException {
    if (!Files.isDirectory(charts)) {
      return false;
    }
    if (Files.isRegularFile(charts.resolve(name).resolve("Chart.yaml"))) {
      return true;
    }
    try (Stream<Path> list = Files.list(charts)) {
      Optional<Path> tgz = list.filter(p -> {
        String f = p.getFileName().toString();
        return f.endsWith(".tgz") && f.startsWith(name + "-") && Character.isDigit(f.charAt(name.length() + 1));
      }).findFirst();
      return tgz.isPresent();
    }
  }

  private static void copyLocal(Map<String, byte[]> tree, String chartPathInTree, ChartYaml.Dependency dep,
      String rel, Path charts) throws HelmRenderException, IOException {
    String dir = RepoPaths.resolve(chartPathInTree, rel, "dependency " + dep.name());
    String prefix = dir.isEmpty() ? "" : dir + "/";
    if (!tree.containsKey(prefix + "Chart.yaml")) {
      throw new HelmRenderException("Chart.yaml", "Chart.yaml: dependency " + dep.name() + ": no chart at file://" + rel);
    }
    Path target = charts.resolve(dep.name());
    for (Map.Entry<String, byte[]> e : tree.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        Path out = target.resolve(e.getKey().substring(prefix.length())).normalize();
        if (!out.startsWith(target)) {
          continue;
        }
        Files.createDirectories(out.getParent());
        Files.write(out, e.getValue());
      }
    }
  }
}
