package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true, description = "Show the last syncs and operator actions of an Application.")
final class AppHistory implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = {"-o", "--output"}, description = "json or yaml.")
  String output;

  @Override
  public Integer call() throws Exception {
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      var history = a.getStatus() == null || a.getStatus().history == null ? List.<dev.keelson.api.v1alpha1.ApplicationStatus.HistoryEntry>of() : a.getStatus().history;
      if (output != null) {
        Output.print(System.out, output, history);
        return ExitCodes.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      // Entries written before actions existed were all syncs.
      history.forEach(h -> rows.add(List.of(String.valueOf(h.id), h.action == null ? "Sync" : h.action,
          Output.orEmpty(h.revision), Output.orEmpty(h.deployedAt),
          Output.orEmpty(h.result), Output.orEmpty(h.initiatedBy), Output.orEmpty(h.message))));
      Output.table(System.out, List.of("ID", "ACTION", "REVISION", "DEPLOYED", "RESULT", "BY", "MESSAGE"), rows);
    }
    return ExitCodes.OK;
  }
}
