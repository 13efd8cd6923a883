package dev.keelson.helm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Completes a chart's {@code charts/} directory as {@code helm dependency build} would, before
 * anything is rendered: vendored dependencies are used as they are; a missing one is fetched at the
 * version Chart.lock pins (else the newest matching Chart.yaml's range) through the digest cache,
 * or copied from the repository for {@code file://}. What it adds keys the render cache, so a new
 * dependency version matching a range renders anew.
 *
 * <p>Done in Java rather than by helm-java's dependency commands so that credentials are per
 * request and nothing is written to Helm's global cache or repository files.
 */
final class Dependencies {

  private final ChartFetcher fetcher;
  private final Function<String, RepositoryAuth> credentials;

  Dependencies(ChartFetcher fetcher, Function<String, RepositoryAuth> credentials) {
    this.fetcher = fetcher;
    this.credentials = credentials;
  }

  /**
   * @param tree the repository (local chart) or the chart's own files (remote chart)
   * @param chartDir where the chart is in {@code tree} ("" for the root)
   * @return files to add, keyed by path below the chart's directory ({@code charts/x-1.0.0.tgz})
   */
  Map<String, byte[]> missing(Map<String, byte[]> tree, String chartDir, ChartYaml chart)
      throws HelmRenderException {
    Map<String, byte[]> added = new LinkedHashMap<>();
    if (chart.dependencies().isEmpty()) {
      return added;
    }
    String prefix = chartDir.isEmpty() ? "" : chartDir + "/";
    byte[] lockBytes = tree.get(prefix + "Chart.lock");
    List<ChartYaml.Dependency> lock = lockBytes == null ? List.of() : ChartYaml.lock(lockBytes, "Chart.lock");
    for (ChartYaml.Dependency dep : chart.dependencies()) {
      if (vendored(tree, prefix + "charts/", dep.name())) {
        continue;
      }
      String repo = dep.repository() == null ? "" : dep.repository();
      if (repo.startsWith("file://")) {
        copyLocal(tree, chartDir, dep, repo.substring("file://".length()), added);
        continue;
      }
      if (!repo.contains("://")) {
        throw new HelmRenderException("Chart.yaml", "Chart.yaml: dependency " + dep.name()
            + " is missing from charts/ and its repository '" + repo
            + "' is not a URL (repository aliases need Helm's local repository configuration)");
      }
      String version = lock.stream()
          .filter(l -> dep.name().equals(l.name()) && repo.equals(l.repository()))
          .map(ChartYaml.Dependency::version).findFirst().orElse(dep.version());
      FetchedChart fetched = fetcher.fetch(new RemoteChart(repo, dep.name(), version, credentials.apply(repo)));
      added.put("charts/" + dep.name() + "-" + fetched.version() + ".tgz", fetched.archive());
    }
    return added;
  }

  /** A directory {@code charts/NAME/} or an archive {@code charts/NAME-VERSION.tgz}, as Helm names them. */
  private static boolean vendored(Map<String, byte[]> tree, String charts, String name) {
    if (tree.containsKey(charts + name + "/Chart.yaml")) {
      return true;
    }
    String archive = charts + name + "-";
    for (String path : tree.keySet()) {
      if (path.startsWith(archive) && path.endsWith(".tgz") && path.indexOf('/', charts.length()) < 0
          && path.length() > archive.length() && Character.isDigit(path.charAt(archive.length()))) {
        return true;
      }
    }
    return false;
  }

  private static void copyLocal(Map<String, byte[]> tree, String chartDir, ChartYaml.Dependency dep, String rel,
      Map<String, byte[]> added) throws HelmRenderException {
    String dir = RepoPaths.resolve(chartDir, rel, "dependency " + dep.name());
    String prefix = dir.isEmpty() ? "" : dir + "/";
    if (!tree.containsKey(prefix + "Chart.yaml")) {
      throw new HelmRenderException("Chart.yaml", "Chart.yaml: dependency " + dep.name() + ": no chart at file://" + rel);
    }
    for (Map.Entry<String, byte[]> e : tree.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        added.put("charts/" + dep.name() + "/" + e.getKey().substring(prefix.length()), e.getValue());
      }
    }
  }
}
