package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List Applications with their sync and health status.")
final class AppList implements Callable<Integer> {
  @Mixin AppOptions app;

  @Option(names = {"-A", "--all-namespaces"}, description = "List Applications in all namespaces.")
  boolean all;

  @Option(names = {"-o", "--output"}, description = "json or yaml.")
  String output;

  @Mixin ServerTarget server;

  @Override
  public Integer call() throws Exception {
    if (server.given()) return throughServer();
    try (KubernetesClient client = app.kube.client()) {
      var op = client.resources(Application.class);
      List<Application> apps = new ArrayList<>(all
          ? op.inAnyNamespace().list().getItems()
          : op.inNamespace(app.namespace(client)).list().getItems());
      apps.sort(Comparator.comparing((Application a) -> a.getMetadata().getNamespace())
          .thenComparing(a -> a.getMetadata().getName()));
      if (output != null) {
        Output.print(System.out, output, apps);
        return ExitCodes.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      for (Application a : apps) {
        var s = a.getStatus();
        rows.add(List.of(
            a.getMetadata().getNamespace(),
            a.getMetadata().getName(),
            s == null || s.sync == null ? "" : Output.orEmpty(s.sync.status),
            s == null || s.health == null ? "" : Output.orEmpty(s.health.status),
            s == null || s.sync == null ? "" : Output.shortSha(s.sync.revision),
            a.getSpec() == null || a.getSpec().source == null ? "" : Output.orEmpty(a.getSpec().source.repoURL)));
      }
      Output.table(System.out, List.of("NAMESPACE", "NAME", "SYNC", "HEALTH", "REVISION", "REPO"), rows);
    }
    return ExitCodes.OK;
  }

  /** The server's summaries, every page of them, in the same namespace/name order; -o prints them as the API does. */
  private int throughServer() throws Exception {
    ServerApi api = server.api();
    String filter = all ? "" : "&namespace=" + ServerApi.encode(ServerTarget.namespace(app));
    List<com.fasterxml.jackson.databind.JsonNode> apps = new ArrayList<>();
    String cont = null;
    do {
      var page = api.get("/api/v1/applications?limit=1000" + filter
          + (cont == null ? "" : "&continue=" + ServerApi.encode(cont)));
      page.path("items").forEach(apps::add);
      cont = page.hasNonNull("continue") ? page.get("continue").asText() : null;
    } while (cont != null);
    if (output != null) {
      Output.print(System.out, output, apps);
      return ExitCodes.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (var a : apps) {
      rows.add(List.of(a.path("namespace").asText(), a.path("name").asText(),
          a.path("sync").asText(""), a.path("health").asText(""),
          Output.shortSha(a.path("revision").asText(null)), a.path("repoURL").asText("")));
    }
    Output.table(System.out, List.of("NAMESPACE", "NAME", "SYNC", "HEALTH", "REVISION", "REPO"), rows);
    return ExitCodes.OK;
  }
}
