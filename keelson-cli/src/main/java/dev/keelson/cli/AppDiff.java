package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.AppDiffer;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.fleet.Destinations;
import dev.keelson.controller.runtime.KeelsonController;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Exit codes as diff(1): 0 in sync, 1 differences, 2 error. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Unified diff of live state against Git (exit 0 in sync, 1 different, 2 error).")
final class AppDiff implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @picocli.CommandLine.Option(names = "--explain",
      description = "Per differing field: live and desired value, the field manager that changed it, its operation and"
          + " time, what kind of manager it is, and an ignoreDifferences rule for fields another controller owns.")
  boolean explain;

  @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "text (default), json or yaml; json and yaml carry the explanation as data.")
  String output = "text";

  @picocli.CommandLine.Mixin ServerTarget server;

  @Override
  public Integer call() throws Exception {
    if (server.given()) return throughServer();
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      Path cache = Path.of(System.getProperty("user.home"), ".keelson", "cli-cache");
      AppDiffer.Report report;
      AppSettings settings = AppSettings.of(a);
      try (Destinations.Destination to = Destinations.of(client, app.controllerNamespace, settings.cluster())) {
        report = KeelsonController.differ(client, to.client(), cache).diff(settings, a.getStatus());
      } catch (ReconcileFailure f) {
        System.err.println("error: " + f.getMessage());
        return ExitCodes.ERROR;
      }
      if (!output.equals("text")) {
        DriftOutput.data(System.out, output, report);
      } else if (explain) {
        DriftOutput.text(System.out, report);
      } else {
        System.out.print(report.text());
      }
      return report.different() ? ExitCodes.DIFFERENT : ExitCodes.OK;
    }
  }

  /**
   * The server's diff ({@code GET .../diff}, the same differ, Secret values masked): the same
   * text, or its JSON/YAML as the API answers it. The explanation needs managedFields, which the
   * API does not serve.
   */
  private int throughServer() throws Exception {
    if (explain) throw new IllegalArgumentException("--explain reads the cluster directly; it does not go through --server");
    String ns = ServerTarget.namespace(app);
    com.fasterxml.jackson.databind.JsonNode diff;
    try {
      diff = server.api().get(ServerApi.appPath(ns, name) + "/diff");
    } catch (ServerApi.Failure f) {
      if (f.status == 404) throw new IllegalArgumentException("application " + ns + "/" + name + " not found");
      throw f;
    }
    if (!output.equals("text")) {
      Output.print(System.out, output, diff);
    } else {
      StringBuilder text = new StringBuilder();
      diff.path("objects").forEach(o -> text.append(o.path("diff").asText("")));
      System.out.print(text);
    }
    return diff.path("different").asBoolean() ? ExitCodes.DIFFERENT : ExitCodes.OK;
  }
}
