package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one Application: source, status, conditions and resources.")
final class AppGet implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = {"-o", "--output"}, description = "json or yaml.")
  String output;

  @Mixin ServerTarget server;

  @Override
  public Integer call() throws Exception {
    if (server.given()) {
      Application a = fromServer(server.api(), ServerTarget.namespace(app), name);
      if (output != null) Output.print(System.out, output, a);
      else describe(System.out, a);
      return ExitCodes.OK;
    }
    try (KubernetesClient client = app.kube.client()) {
      Application a = app.require(client, name);
      if (output != null) {
        Output.print(System.out, output, a);
      } else {
        describe(System.out, a);
      }
    }
    return ExitCodes.OK;
  }

  /** The app as the server shows it; a missing one is named as the cluster path names it. */
  static Application fromServer(ServerApi api, String ns, String name) throws Exception {
    try {
      return ServerTarget.application(api.get(ServerApi.appPath(ns, name)));
    } catch (ServerApi.Failure f) {
      if (f.status == 404) throw new IllegalArgumentException("application " + ns + "/" + name + " not found");
      throw f;
    }
  }

  static void describe(PrintStream out, Application a) {
    var spec = a.getSpec();
    var s = a.getStatus();
    out.printf("Name:        %s/%s%n", a.getMetadata().getNamespace(), a.getMetadata().getName());
    if (spec != null && spec.source != null) {
      out.printf("Repo:        %s%n", spec.source.repoURL);
      out.printf("Revision:    %s%n", spec.source.revision == null ? "HEAD" : spec.source.revision);
      out.printf("Path:        %s%n", spec.source.path == null ? "." : spec.source.path);
    }
    boolean automated = spec != null && spec.syncPolicy != null && spec.syncPolicy.automated != null;
    out.printf("Sync Policy: %s%n", automated
        ? "Automated" + (Boolean.TRUE.equals(spec.syncPolicy.automated.prune) ? " (Prune)" : "")
            + (Boolean.TRUE.equals(spec.syncPolicy.automated.selfHeal) ? " (SelfHeal)" : "")
        : "Manual");
    OperatorSections.suspended(out, a);
    if (s == null) {
      out.println("Status:      not reconciled yet");
      return;
    }
    if (s.sync != null) {
      out.printf("Sync Status: %s to %s%s%n", s.sync.status, Output.orEmpty(s.sync.revision),
          s.sync.ref == null ? "" : " (" + s.sync.ref + ")");
    }
    if (s.health != null) {
      out.printf("Health:      %s%s%n", s.health.status, s.health.message == null ? "" : " - " + s.health.message);
    }
    OperatorSections.pinned(out, a);
    OperatorSections.pendingApproval(out, a);
    OperatorSections.operation(out, a);
    if (s.conditions != null && !s.conditions.isEmpty()) {
      out.println();
      List<List<String>> rows = new ArrayList<>();
      s.conditions.forEach(c -> rows.add(List.of(c.getType(), c.getStatus(), Output.orEmpty(c.getReason()), Output.orEmpty(c.getMessage()))));
      Output.table(out, List.of("CONDITION", "STATUS", "REASON", "MESSAGE"), rows);
    }
    if (s.resources != null && !s.resources.isEmpty()) {
      out.println();
      List<List<String>> rows = new ArrayList<>();
      s.resources.forEach(r -> rows.add(List.of(
          Output.orEmpty(r.group), r.kind, Output.orEmpty(r.namespace), r.name, Output.orEmpty(r.status),
          r.health == null ? "" : Output.orEmpty(r.health.status),
          r.message != null ? r.message : r.health != null ? Output.orEmpty(r.health.message) : "")));
      Output.table(out, List.of("GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH", "MESSAGE"), rows);
    }
  }
}
