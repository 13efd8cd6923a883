package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import dev.keelson.controller.app.AppSettings;
import dev.keelson.controller.engine.ReconcileFailure;
import dev.keelson.controller.operation.ChartTests;
import dev.keelson.controller.fleet.Destinations;
import dev.keelson.controller.runtime.KeelsonController;
import dev.keelson.core.health.HealthAssessor;
import dev.keelson.core.time.Durations;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Helm's `helm test` for an app's chart: its test hooks, which a sync never runs. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run the test hooks (helm.sh/hook: test) of an application's Helm chart and report each result.",
    footer = {"", "Exit codes: 0 every test succeeded (or there is none); 1 a test failed; 2 error."})
final class AppTest implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--timeout", defaultValue = "5m", description = "How long each test may take (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      Path cache = Path.of(System.getProperty("user.home"), ".keelson", "cli-cache");
      List<ChartTests.Result> results;
      AppSettings settings = AppSettings.of(a);
      try (Destinations.Destination to = Destinations.of(client, app.controllerNamespace, settings.cluster())) {
        ChartTests tests = KeelsonController.chartTests(client, to.client(), cache);
        results = tests.run(settings, a.getStatus(), new HealthAssessor(), Durations.parse(timeout),
            r -> System.out.println(String.format("%-40s %s", r.name(), r.succeeded() ? "Succeeded" : "Failed: " + r.message())));
      } catch (ReconcileFailure f) {
        System.err.println("error: " + f.getMessage());
        return ExitCodes.ERROR;
      }
      if (results.isEmpty()) System.out.println("no tests");
      return results.stream().allMatch(ChartTests.Result::succeeded) ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
