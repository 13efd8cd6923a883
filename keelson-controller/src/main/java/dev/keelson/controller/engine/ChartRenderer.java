package dev.keelson.controller.engine;

import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.app.HelmSettings;
import dev.keelson.controller.app.PostBuildSettings.VariableRef;
import dev.keelson.core.diff.Fingerprint;
import dev.keelson.core.sync.ReleaseAction;
import dev.keelson.helm.HelmOptions;
import dev.keelson.helm.LookupTarget;
import dev.keelson.helm.HelmRenderException;
import dev.keelson.helm.HelmRenderer;
import dev.keelson.helm.HelmResult;
import dev.keelson.helm.RemoteChart;
import dev.keelson.helm.RepositoryAuth;
import dev.keelson.helm.ValuesFromEntry;
import dev.keelson.kube.ClusterCapabilities;
import dev.keelson.kube.KubeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Step 2 for Helm charts: a chart in Git or from a Helm repository rendered by the Helm engine
 * for the destination cluster, whose version and served API versions are Helm's capabilities
 * unless the spec overrides them. {@code valuesFrom} ConfigMaps and Secrets are read here; their
 * content never appears in a message.
 */
public final class ChartRenderer {
  private final HelmRenderer helm;
  private final VariableSource objects;
  private final ClusterCapabilities capabilities;

  private final LookupTarget lookup;

  /** @param lookup what a chart's {@code lookup} may read for apps rendered here */
  private final dev.keelson.controller.repos.RepositoryCredentials repositories;

  /** @param repositories credentials for charts of apps without their own secretRef (repository Secrets) */
  public ChartRenderer(HelmRenderer helm, VariableSource objects, ClusterCapabilities capabilities, LookupTarget lookup,
      dev.keelson.controller.repos.RepositoryCredentials repositories) {
    this.repositories = repositories;
    this.lookup = lookup;
    this.helm = helm;
    this.objects = objects;
    this.capabilities = capabilities;
  }

  /**
   * The inputs of one render besides the chart's files: they decide, with the chart, what it
   * renders to.
   *
   * @param digest of the options, for the memo
   */
  public record Inputs(HelmOptions options, String digest) {}

  public Inputs inputs(AppSettings app) throws ReconcileFailure {
    HelmSettings h = app.helm();
    HelmOptions.Builder b = HelmOptions.builder(h.releaseName())
        .namespace(h.namespace())
        .valueFiles(h.valueFiles())
        .ignoreMissingValueFiles(h.ignoreMissingValueFiles())
        .values(h.values())
        .valuesObject(h.valuesObject())
        .skipCrds(h.skipCrds())
        .skipTests(h.skipTests())
        .action(h.upgrade() ? ReleaseAction.Upgrade : ReleaseAction.Install)
        .lookup(lookup);
    h.parameters().forEach(b::parameter);
    h.fileParameters().forEach(p -> b.fileParameter(p.name(), p.path()));
    for (HelmSettings.ValuesRef ref : h.valuesFrom()) {
      valuesFrom(app.ref().namespace(), ref).ifPresent(b::valuesFrom);
    }
    ClusterCapabilities.Snapshot cluster;
    try {
      cluster = capabilities.get();
    } catch (KubeException e) {
      throw new ReconcileFailure(FailureReason.ClusterUnreachable, e.getMessage(), true);
    }
    b.kubeVersion(h.kubeVersion() != null ? h.kubeVersion() : cluster.kubeVersion());
    List<String> apiVersions = new ArrayList<>(cluster.apiVersions());
    apiVersions.addAll(h.apiVersions());
    b.apiVersions(apiVersions);
    HelmOptions options = b.build();
    // the options' text holds values read from Secrets: it is digested here and never shown
    return new Inputs(options, Fingerprint.digest(List.of(String.valueOf(options))));
  }

  /** A chart at {@code app.path()} of a repository whose files are given. */
  public HelmResult renderFromGit(AppSettings app, Map<String, byte[]> repoFiles, Inputs inputs, String revision)
      throws ReconcileFailure {
    try {
      return helm.render(repoFiles, app.path(), inputs.options());
    } catch (HelmRenderException e) {
      throw new ReconcileFailure(FailureReason.RenderFailed,
          "revision " + DesiredStateBuilder.shortSha(revision) + ": " + e.getMessage());
    }
  }

  /** The chart {@code spec.source.chart} from the Helm repository or OCI registry {@code repoURL}. */
  public HelmResult renderFromRepository(AppSettings app, Inputs inputs) throws ReconcileFailure {
    RemoteChart chart = new RemoteChart(app.repoUrl(), app.helm().chart(),
        "HEAD".equals(app.revision()) ? null : app.revision(), auth(app));
    try {
      return helm.render(chart, inputs.options());
    } catch (HelmRenderException e) {
      // a repository that cannot be reached is retried; a chart that does not render is not
      boolean fetching = e.file().isEmpty();
      throw new ReconcileFailure(fetching ? FailureReason.SourceFailed : FailureReason.RenderFailed,
          "chart " + app.helm().chart() + ": " + e.getMessage(), fetching);
    }
  }

  /**
   * Whether rendering the chart reads files outside its directory: a value file or file
   * parameter that climbs out of it, or a {@code file://} dependency. Otherwise the chart's
   * directory alone is read.
   *
   * @param pathFiles the files under the chart's directory, keyed from it
   */
  public static boolean readsOutside(HelmSettings helm, Map<String, byte[]> pathFiles) {
    boolean climbs = helm.valueFiles().stream().anyMatch(ChartRenderer::leaves)
        || helm.fileParameters().stream().anyMatch(p -> leaves(p.path()));
    boolean fileDependencies = pathFiles.entrySet().stream()
        .filter(e -> e.getKey().endsWith("Chart.yaml") || e.getKey().endsWith("Chart.lock"))
        .anyMatch(e -> new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8).contains("file://"));
    return climbs || fileDependencies;
  }

  private static boolean leaves(String path) {
    return path.contains("..") || path.startsWith("/");
  }

  public static boolean isChart(Map<String, byte[]> pathFiles) {
    return HelmRenderer.isChart(pathFiles, "");
  }

  private RepositoryAuth auth(AppSettings app) throws ReconcileFailure {
    if (app.secretName() == null) {
      return repositories.forUrl(app.repoUrl(), app.tenancy().project())
          .map(d -> new RepositoryAuth(d.get("username"), d.get("password"), d.get("ca.crt")))
          .orElse(RepositoryAuth.NONE);
    }
    VariableRef ref = new VariableRef(VariableRef.Kind.Secret, app.secretName(), false);
    Map<String, String> data = objects.read(app.ref().namespace(), ref, "spec.source.secretRef",
        FailureReason.SourceFailed).orElseThrow(() -> new ReconcileFailure(
        FailureReason.SourceFailed, "credentials Secret " + app.ref().namespace() + "/" + app.secretName()
            + " not found", true));
    return new RepositoryAuth(data.get("username"), data.get("password"), data.get("ca.crt"));
  }

  private Optional<ValuesFromEntry> valuesFrom(String namespace, HelmSettings.ValuesRef ref) throws ReconcileFailure {
    String where = "spec.source.helm.valuesFrom: " + ref.object();
    Optional<Map<String, String>> data = objects.read(namespace, ref.object(), "spec.source.helm.valuesFrom",
        FailureReason.RenderFailed);
    if (data.isEmpty() || !data.get().containsKey(ref.valuesKey())) {
      if (ref.object().optional()) return Optional.empty();
      throw new ReconcileFailure(FailureReason.RenderFailed, where
          + (data.isEmpty() ? " not found in namespace " + namespace : " has no key " + ref.valuesKey()), true);
    }
    String text = data.get().get(ref.valuesKey());
    if (ref.targetPath() != null) {
      return Optional.of(new ValuesFromEntry(text, ref.targetPath(), ref.object() + "#" + ref.valuesKey()));
    }
    Object parsed;
    try {
      parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      // the parser's message quotes the input: say where, not what
      throw new ReconcileFailure(FailureReason.RenderFailed, where + " key " + ref.valuesKey() + " is not valid YAML");
    }
    if (parsed == null) return Optional.empty();
    if (!(parsed instanceof Map<?, ?>)) {
      throw new ReconcileFailure(FailureReason.RenderFailed, where + " key " + ref.valuesKey() + " is not a map of values");
    }
    return Optional.of(new ValuesFromEntry(parsed, null, ref.object() + "#" + ref.valuesKey()));
  }
}
