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

  @Override
  public Integer call() throws Exception {
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
      System.out.print(report.text());
      return report.different() ? ExitCodes.DIFFERENT : ExitCodes.OK;
    }
  }
}
