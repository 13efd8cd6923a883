package dev.keelson.helm;

import dev.keelson.core.model.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Renders Helm charts into manifests with the Helm engine itself (Helm's Go code, run in-process
 * through helm-java), as {@code helm template --include-crds} does. Keelson never interprets a
 * template; it prepares the chart copy Helm reads (see {@link ChartRewriter}), orders the values
 * (see {@link HelmOptions} for the precedence) and reads Helm's output.
 *
 * <p>A chart comes either from the application's repository ({@link #render(Map, String,
 * HelmOptions)}: a directory holding {@code Chart.yaml}) or from a Helm repository or OCI registry
 * ({@link #render(RemoteChart, HelmOptions)}). Dependencies vendored in {@code charts/} are used as
 * they are; declared ones that are missing are fetched. Fetched archives are kept on disk by
 * digest.
 *
 * <p>Results are cached in memory by a digest of everything that can change them: the chart's
 * files (or archive), the values, the options and the capabilities. The same inputs return the
 * same result without running Helm, except for a chart that calls {@code lookup}, whose output
 * also depends on the cluster's live objects and which is rendered every time.
 *
 * <p>{@code lookup} reads the cluster that the process's environment names when it starts: the pod's
 * service account inside a cluster, otherwise {@code $KUBECONFIG} (or {@code ~/.kube/config}).
 * Helm's native library takes its environment from the process's start, so it cannot be pointed
 * elsewhere later.
 *
 * <p>Instances are safe to share between threads.
 */
public final class HelmRenderer {

  public static final int DEFAULT_RENDER_CACHE_SIZE = 256;

  private final ChartFetcher fetcher;
  private final Dependencies dependencies;
  private final RenderCache cache;
  private final AtomicLong helmRuns = new AtomicLong();

  /** @param chartCacheDir where fetched chart archives are kept, by digest */
  public HelmRenderer(Path chartCacheDir) {
    this(chartCacheDir, url -> RepositoryAuth.NONE, DEFAULT_RENDER_CACHE_SIZE);
  }

  /**
   * @param chartCacheDir where fetched chart archives are kept, by digest
   * @param dependencyCredentials credentials for a dependency's repository URL (from Chart.yaml)
   * @param renderCacheSize how many results are kept in memory
   */
  public HelmRenderer(Path chartCacheDir, Function<String, RepositoryAuth> dependencyCredentials, int renderCacheSize) {
    this.fetcher = new ChartFetcher(Objects.requireNonNull(chartCacheDir, "chartCacheDir"));
    this.dependencies = new Dependencies(fetcher, Objects.requireNonNull(dependencyCredentials));
    this.cache = new RenderCache(renderCacheSize);
  }

  /** Whether {@code path} of the repository ("" for the root) is a Helm chart. */
  public static boolean isChart(Map<String, byte[]> repoFiles, String path) {
    String p = path == null || path.isEmpty() || path.equals(".") ? "" : strip(path) + "/";
    return repoFiles.containsKey(p + "Chart.yaml");
  }

  /**
   * Renders the chart at {@code chartPath} of a repository.
   *
   * @param repoFiles the repository's files at one commit, keyed by {@code /}-separated path from
   *     its root; value files and file parameters may be anywhere in it
   * @param chartPath the chart's directory ("" for the root)
   * @throws HelmRenderException naming the template, Chart.yaml or values file at fault
   */
  public HelmResult render(Map<String, byte[]> repoFiles, String chartPath, HelmOptions options)
      throws HelmRenderException {
    Objects.requireNonNull(repoFiles, "repoFiles");
    Objects.requireNonNull(options, "options");
    String dir = chartPath == null || chartPath.equals(".") ? "" : strip(chartPath);
    if (!isChart(repoFiles, dir)) {
      throw new HelmRenderException("Chart.yaml", (dir.isEmpty() ? "" : dir + "/") + "Chart.yaml: not found; the path is not a Helm chart");
    }
    return render(repoFiles, dir, options, new Digests().add("repository-chart").addTree(repoFiles, dir));
  }

  /**
   * Renders a chart from a Helm repository or an OCI registry. Value files and file parameters are
   * paths inside the chart.
   */
  public HelmResult render(RemoteChart chart, HelmOptions options) throws HelmRenderException {
    FetchedChart fetched = fetcher.fetch(chart);
    Map<String, byte[]> files;
    try {
      files = Tgz.read(fetched.archive());
    } catch (IOException e) {
      throw new HelmRenderException("", "chart " + chart.name() + " " + fetched.version() + ": " + e.getMessage(), e);
    }
    return render(files, "", options, new Digests().add("archive").add(fetched.sha256()));
  }

  /** How many times Helm ran; a cached result does not count. */
  public long helmRuns() {
    return helmRuns.get();
  }

  private HelmResult render(Map<String, byte[]> tree, String dir, HelmOptions options, Digests key)
      throws HelmRenderException {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    ChartYaml chart = ChartYaml.parse(tree.get(prefix + "Chart.yaml"), "Chart.yaml");
    ValueInputs values = ValueInputs.read(tree, dir, options);
    Map<String, byte[]> added = dependencies.missing(tree, dir, chart);
    key.add("dependencies").addTree(added, "");
    values.digest(key);
    key.add(options.releaseName()).add(options.namespace()).add(options.kubeVersion())
        .add(String.join(",", new TreeSet<>(options.apiVersions())))
        .add(Boolean.toString(options.skipCrds())).add(Boolean.toString(options.skipTests()))
        // Upgrade and rollback render alike, so they share a cache entry.
        .add(Boolean.toString(options.upgrade()));
    String digest = key.hex();
    HelmResult cached = cache.get(digest);
    if (cached != null) {
      return cached;
    }
    try (Workspace ws = Workspace.create()) {
      for (Map.Entry<String, byte[]> e : tree.entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          ws.write("chart/" + e.getKey().substring(prefix.length()), e.getValue());
        }
      }
      for (Map.Entry<String, byte[]> e : added.entrySet()) {
        ws.write("chart/" + e.getKey(), e.getValue());
      }
      Path chartDir = ws.root().resolve("chart");
      ChartRewriter rewriter = new ChartRewriter(options.apiVersions(), !options.skipCrds(), options.upgrade());
      rewriter.rewrite(chartDir);
      if (rewriter.callsLookup() && options.lookup() == LookupTarget.REFUSED) {
        throw new HelmRenderException(rewriter.lookupTemplate(), rewriter.lookupTemplate() + " calls lookup, which"
            + " cannot read a remote destination cluster yet (Helm's engine reads only the controller's own)");
      }
      List<Path> valuesFiles = values.writeLayers(ws);
      Map<String, Path> setFiles = values.writeFileValues(ws);
      String output;
      try {
        helmRuns.incrementAndGet();
        output = HelmEngine.template(chartDir, options, valuesFiles, values.sets, setFiles);
      } catch (IllegalStateException e) {
        throw HelmErrors.toException(e.getMessage(), ws.root(), values.written);
      }
      List<Manifest> manifests = HelmOutput.parse(output, options.skipTests());
      HelmResult result = new HelmResult(manifests, HelmResult.ENGINE, chart.name(), chart.version(),
          rewriter.callsLookup());
      // A chart that calls lookup reads the cluster's live objects: the same inputs may render
      // differently next time.
      if (!result.readsCluster()) {
        cache.put(digest, result);
      }
      return result;
    } catch (IOException e) {
      throw new HelmRenderException("", "cannot prepare chart " + chart.name() + ": " + e.getMessage(), e);
    }
  }

  private static String strip(String path) {
    String p = path;
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
