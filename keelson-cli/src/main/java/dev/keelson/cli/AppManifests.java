package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.DesiredState;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.fleet.Destinations;
import dev.keelson.controller.runtime.KeelsonController;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Argo CD's `app manifests`: the desired objects of an app as a sync would apply them. */
@Command(name = "manifests", mixinStandardHelpOptions = true,
    description = "Print the rendered desired manifests of an application (Secret values masked).")
final class AppManifests implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--revision", paramLabel = "REV",
      description = "Render this branch, tag, commit or semver range instead of the app's own revision.")
  String revision;

  @Override
  public Integer call() throws Exception {
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      AppSettings settings = AppSettings.of(a);
      if (revision != null) settings = settings.atRevision(revision);
      Path cache = Path.of(System.getProperty("user.home"), ".keelson", "cli-cache");
      DesiredState desired;
      try (Destinations.Destination to = Destinations.of(client, app.controllerNamespace, settings.cluster())) {
        desired = KeelsonController.desiredState(client, to.client(), cache).build(settings, true);
      } catch (ReconcileFailure f) {
        System.err.println("error: " + f.getMessage());
        return ExitCodes.ERROR;
      }
      ManifestsOutput.print(System.out, desired.objects());
      return ExitCodes.OK;
    }
  }
}
