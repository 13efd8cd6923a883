package dev.keelson.cli;

import dev.keelson.core.model.Manifest;
import dev.keelson.core.sync.ReleaseAction;
import dev.keelson.helm.HelmOptions;
import dev.keelson.helm.HelmParameter;
import dev.keelson.helm.HelmRenderException;
import dev.keelson.helm.HelmRenderer;
import dev.keelson.render.RenderException;
import dev.keelson.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Renders a local directory, kustomization or chart with no cluster, as {@code flux build} and
 * {@code helm template} do, so that CI can check what a commit would apply. The files are read as
 * the controller reads a repository (see {@link LocalTree}) and rendered by the same renderers.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {
      "Render a local directory, kustomization or Helm chart without a cluster and print the objects"
          + " (Secret values masked).",
      "A directory holding Chart.yaml is a chart, one holding kustomization.yaml a kustomization,"
          + " otherwise a directory of manifests."})
final class RenderCommand implements Callable<Integer> {
  /** {@code helm template}'s default release name. */
  static final String DEFAULT_RELEASE_NAME = "release-name";

  @Parameters(index = "0", paramLabel = "PATH", description = "The directory to render.")
  Path path;

  @Option(names = {"-f", "--values"}, paramLabel = "FILE",
      description = "A values file (anywhere on disk) layered above the chart's values; repeatable, later wins.")
  List<Path> valuesFiles = new ArrayList<>();

  @Option(names = "--set", paramLabel = "K=V", description = "A value, as helm's --set; highest precedence.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--set-string", paramLabel = "K=V", description = "A value kept as a string, as helm's --set-string.")
  List<String> setStrings = new ArrayList<>();

  @Option(names = "--kube-version", paramLabel = "V",
      description = "Kubernetes version for .Capabilities.KubeVersion and Chart.yaml's kubeVersion check.")
  String kubeVersion;

  @Option(names = {"-a", "--api-versions"}, paramLabel = "G/V",
      description = "An API version for .Capabilities.APIVersions; repeatable.")
  List<String> apiVersions = new ArrayList<>();

  @Option(names = "--release-name", paramLabel = "N", defaultValue = DEFAULT_RELEASE_NAME,
      description = "Release name for a chart (default: ${DEFAULT-VALUE}).")
  String releaseName;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "Release namespace for a chart (default: default).")
  String namespace;

  @Option(names = "--include-tests", description = "Include a chart's test hooks.")
  boolean includeTests;

  @Option(names = "--upgrade",
      description = "Render a chart as an upgrade (.Release.IsUpgrade true), as every sync after the first.")
  boolean upgrade;

  @Override
  public Integer call() {
    List<Manifest> manifests;
    try {
      LocalTree tree = LocalTree.read(path);
      boolean chart = Files.isRegularFile(path.resolve("Chart.yaml"));
      if (!chart && !(valuesFiles.isEmpty() && sets.isEmpty() && setStrings.isEmpty())) {
        // Values would change nothing here; saying so beats printing objects the user did not mean.
        return fail("", path + ": not a Helm chart (no Chart.yaml); --values, --set and --set-string apply to charts only");
      }
      manifests = chart
          ? renderChart(tree).manifests()
          : new Renderer().render(tree.files(), tree.path(), null).manifests();
    } catch (RenderException e) {
      return fail(e.file(), e.getMessage());
    } catch (HelmRenderException e) {
      return fail(e.file(), e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      return fail("", e.getMessage());
    }
    ManifestsOutput.print(System.out, manifests);
    return ExitCodes.OK;
  }

  private dev.keelson.helm.HelmResult renderChart(LocalTree tree) throws IOException, HelmRenderException {
    HelmOptions.Builder options = HelmOptions.builder(releaseName)
        .namespace(namespace)
        .kubeVersion(kubeVersion)
        .apiVersions(apiVersions)
        .skipTests(!includeTests)
        .action(upgrade ? ReleaseAction.Upgrade : ReleaseAction.Install);
    ValuesLayers.read(valuesFiles).forEach(options::valuesFrom);
    for (String s : sets) {
      options.parameter(assignment("--set", s, false));
    }
    for (String s : setStrings) {
      options.parameter(assignment("--set-string", s, true));
    }
    return new HelmRenderer(chartCache()).render(tree.files(), tree.path(), options.build());
  }

  private static HelmParameter assignment(String option, String text, boolean forceString) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(option + " " + text + ": expected KEY=VALUE");
    }
    return new HelmParameter(text.substring(0, eq), text.substring(eq + 1), forceString);
  }

  /** Fetched charts and dependencies, by digest; shared with the other commands' cache. */
  private static Path chartCache() {
    return Path.of(System.getProperty("user.home"), ".keelson", "cli-cache", "charts");
  }

  /** The message names the file already in most cases; where it does not, the file comes first. */
  private static int fail(String file, String message) {
    String text = file.isEmpty() || message.contains(file) ? message : file + ": " + message;
    System.err.println("error: " + text);
    return ExitCodes.ERROR;
  }
}
