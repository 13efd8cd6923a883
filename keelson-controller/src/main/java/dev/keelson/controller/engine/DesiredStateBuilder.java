package dev.keelson.controller.engine;

import dev.keelson.controller.app.AppSettings;
import dev.keelson.core.diff.Fingerprint;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.tracking.AppRef;
import dev.keelson.helm.HelmResult;
import dev.keelson.render.RenderException;
import dev.keelson.render.RenderResult;
import dev.keelson.render.Renderer;
import dev.keelson.source.SourceTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Steps 1 and 2 of the flow, source then render (and post-build substitution), with a per-app
 * memo: when the Git tree under the app's path, the settings and what else goes into the render
 * (substituted variables; a chart's values from ConfigMaps and Secrets and the cluster's
 * capabilities) are the same as last time, the previous result is reused, so a commit elsewhere
 * in the repository costs no rendering and changes nothing.
 *
 * <p>A path holding {@code Chart.yaml} is a Helm chart, one holding a kustomization is
 * Kustomize, anything else a plain directory (Argo CD's order). Charts and kustomizations may
 * use files anywhere in the repository (bases, value files), so they render from the whole
 * repository's tree. An app with {@code spec.source.chart} takes its chart from a Helm
 * repository or OCI registry instead of Git.
 */
public final class DesiredStateBuilder {
  private final SourceLoader source;
  private final Decryptor decryptor;
  private final Renderer renderer;
  private final ChartRenderer charts;
  private final Substituter substituter;
  private final ObjectPreparer preparer;
  private final Map<AppRef, Memo> memo = new ConcurrentHashMap<>();

  /** How a Git path renders. */
  private enum Kind { DIRECTORY, KUSTOMIZE, HELM }

  /**
   * @param renderKey tree id the result was rendered from: the app's path, or the whole
   *     repository for Kustomize and for a chart that reads files outside its directory
   * @param wholeRepository whether the render read the whole repository
   * @param inputs digest of what else went into the render: substituted variables (ConfigMaps and
   *     Secrets change without a commit) and a chart's values and capabilities
   * @param readsCluster whether the render read live objects (a chart's {@code lookup}): then no
   *     digest of the inputs says it would render the same, and it is rendered each time
   */
  private record Memo(String renderKey, Kind kind, boolean wholeRepository, AppSettings.SourceSettings source,
      String inputs, boolean readsCluster, DesiredState state) {}

  public DesiredStateBuilder(SourceLoader source, Decryptor decryptor, Renderer renderer, ChartRenderer charts,
      Substituter substituter, ObjectPreparer preparer) {
    this.source = source;
    this.decryptor = decryptor;
    this.renderer = renderer;
    this.charts = charts;
    this.substituter = substituter;
    this.preparer = preparer;
  }

  public DesiredState build(AppSettings app, boolean forceFetch) throws ReconcileFailure {
    if (app.helm().chart() != null) {
      return buildFromChartRepository(app);
    }
    SourceLoader.Resolved at = source.resolve(app, forceFetch);
    Optional<Substituter.Variables> variables = substituter.resolve(app.ref().namespace(), app.postBuild());
    String variablesDigest = variables.map(Substituter.Variables::digest).orElse("");
    Memo last = memo.get(app.ref());
    ChartRenderer.Inputs chartInputs = last != null && last.kind() == Kind.HELM ? charts.inputs(app) : null;
    if (last != null && !last.readsCluster() && last.source().equals(app.source())
        && last.inputs().equals(inputsDigest(variablesDigest, chartInputs))) {
      String key = last.wholeRepository() ? source.treeId(app, at.commitSha(), "") : at.pathTreeId();
      if (key.equals(last.renderKey())) {
        DesiredState s = last.state();
        DesiredState current = new DesiredState(
            s.objects(), at.commitSha(), at.ref(), at.pathTreeId(), s.digest(), s.engine());
        memo.put(app.ref(), new Memo(key, last.kind(), last.wholeRepository(), app.source(), last.inputs(), false,
            current));
        return current;
      }
    }
    SourceTree tree = source.read(app, at.commitSha(), app.path());
    Kind kind = ChartRenderer.isChart(tree.files()) ? Kind.HELM : isKustomize(tree) ? Kind.KUSTOMIZE : Kind.DIRECTORY;
    // bases and value files may live anywhere in the repository; most charts keep to their own
    // directory, and reading a large repository for each of its apps is what costs
    boolean wholeRepository = kind == Kind.KUSTOMIZE
        || (kind == Kind.HELM && ChartRenderer.readsOutside(app.helm(), tree.files()));
    SourceTree renderFrom = wholeRepository ? source.read(app, at.commitSha(), "") : tree;
    String own = app.path().isEmpty() ? "" : app.path() + "/";
    Decryptor.Opened opened = decryptor.open(app, renderFrom.files(),
        wholeRepository ? file -> file.startsWith(own) : file -> true, at.commitSha());
    Map<String, byte[]> files = opened.files();
    if (kind == Kind.HELM && chartInputs == null) chartInputs = charts.inputs(app);
    List<Manifest> rendered;
    String engine;
    boolean readsCluster = false;
    if (kind == Kind.HELM) {
      HelmResult r = charts.renderFromGit(app,
          wholeRepository ? files : underPath(app.path(), files), chartInputs, at.commitSha());
      rendered = r.manifests();
      engine = r.engine();
      readsCluster = r.readsCluster();
    } else {
      RenderResult r;
      try {
        r = kind == Kind.KUSTOMIZE
            ? renderer.render(files, app.path(), app.selection())
            : renderer.render(files, app.selection());
      } catch (RenderException e) {
        throw new ReconcileFailure(FailureReason.RenderFailed,
            "revision " + shortSha(at.commitSha()) + ": " + e.getMessage());
      }
      rendered = r.manifests();
      engine = r.engine();
    }
    decryptor.check(rendered, opened, at.commitSha());
    List<Manifest> manifests = variables.isPresent()
        ? substituter.apply(variables.get(), rendered, at.commitSha())
        : rendered;
    List<Manifest> objects = preparer.prepare(app.ref(), app.destinationNamespace(), manifests);
    DesiredState state = new DesiredState(
        objects, at.commitSha(), at.ref(), at.pathTreeId(), digest(objects), engine);
    memo.put(app.ref(), new Memo(renderFrom.treeId(), kind, wholeRepository, app.source(),
        inputsDigest(variablesDigest, kind == Kind.HELM ? chartInputs : null), readsCluster, state));
    return state;
  }

  /**
   * A chart from a Helm repository: its version is the revision (what a rollback returns to).
   * Helm's render cache makes an unchanged chart with unchanged inputs cost no rendering.
   */
  private DesiredState buildFromChartRepository(AppSettings app) throws ReconcileFailure {
    ChartRenderer.Inputs inputs = charts.inputs(app);
    Optional<Substituter.Variables> variables = substituter.resolve(app.ref().namespace(), app.postBuild());
    HelmResult r = charts.renderFromRepository(app, inputs);
    List<Manifest> manifests = variables.isPresent()
        ? substituter.apply(variables.get(), r.manifests(), r.chartVersion())
        : r.manifests();
    List<Manifest> objects = preparer.prepare(app.ref(), app.destinationNamespace(), manifests);
    return new DesiredState(objects, r.chartVersion(), r.chartName(), "chart:" + r.chartName() + ":" + r.chartVersion(),
        digest(objects), r.engine());
  }

  /** Files keyed from the app's path, keyed from the repository's root again. */
  private static Map<String, byte[]> underPath(String path, Map<String, byte[]> files) {
    if (path.isEmpty()) return files;
    Map<String, byte[]> out = new java.util.HashMap<>();
    files.forEach((k, v) -> out.put(path + "/" + k, v));
    return out;
  }

  private static String inputsDigest(String variables, ChartRenderer.Inputs chart) {
    return variables + "|" + (chart == null ? "" : chart.digest());
  }

  /** Forgets the app (deleted): its memo would otherwise stay for the life of the process. */
  public void forget(AppRef app) {
    memo.remove(app);
  }

  private static boolean isKustomize(SourceTree tree) {
    return tree.files().keySet().stream().anyMatch(KUSTOMIZATION_FILES::contains);
  }

  private static final Set<String> KUSTOMIZATION_FILES =
      Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private static String digest(List<Manifest> objects) {
    return Fingerprint.digest(objects.stream().map(Manifest::body).toList());
  }

  static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
