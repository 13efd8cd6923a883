package dev.keelson.cli;

import dev.keelson.controller.plan.PlanException;
import dev.keelson.controller.plan.PlanRequest;
import dev.keelson.controller.plan.Planner;
import dev.keelson.controller.runtime.ControllerOptions;
import dev.keelson.core.plan.report.ChangePlan;
import dev.keelson.core.plan.report.PlanJson;
import dev.keelson.core.plan.report.PlanMarkdown;
import dev.keelson.core.plan.report.PlanText;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `keelson plan`: what merging a revision would do to every Application it concerns. Exit codes
 * as diff(1): 0 nothing would change, 1 something would, 2 an error. Never writes to a cluster.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"What merging a revision would do to the Applications whose source is the repository:"
        + " objects to create, update, delete and recreate, hooks by phase and wave, and what would hold the sync.",
        "Reads and dry-runs only (exit 0 nothing would change, 1 something would, 2 error)."})
final class PlanCommand implements Callable<Integer> {
  @Mixin KubeOptions kube;

  @Option(names = "--repo", paramLabel = "PATH|URL", defaultValue = ".",
      description = "A local checkout (its commits are read from its .git) or a repository URL (default: ${DEFAULT-VALUE}).")
  String repo;

  @Option(names = "--revision", required = true, paramLabel = "REF", description = "The change: branch, tag or commit.")
  String revision;

  @Option(names = "--base", paramLabel = "REF",
      description = "What the change is compared with to choose the apps (default: each app's own target revision).")
  String base;

  @ArgGroup(exclusive = true)
  Which which;

  static final class Which {
    @Option(names = "--app", paramLabel = "NS/NAME", description = "Plan this app, touched or not.")
    String app;

    @Option(names = "--all", description = "Plan every app of the repository, touched or not.")
    boolean all;
  }

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--controller-namespace", defaultValue = ControllerOptions.DEFAULT_NAMESPACE,
      description = "Where cluster, repository Secrets and AppProjects live (default: ${DEFAULT-VALUE}).")
  String controllerNamespace;

  @Override
  public Integer call() throws Exception {
    if (!output.equals("text") && !output.equals("json") && !output.equals("markdown")) {
      System.err.println("error: unknown output format '" + output + "' (text, json or markdown)");
      return ExitCodes.ERROR;
    }
    PlanRequest.Selection selection;
    if (which != null && which.app != null) {
      int slash = which.app.indexOf('/');
      if (slash <= 0 || slash == which.app.length() - 1) {
        System.err.println("error: --app takes NAMESPACE/NAME");
        return ExitCodes.ERROR;
      }
      selection = new PlanRequest.Selection.One(which.app.substring(0, slash), which.app.substring(slash + 1));
    } else {
      selection = which != null && which.all ? new PlanRequest.Selection.All() : new PlanRequest.Selection.Touched();
    }
    PlanRequest request = new PlanRequest(repository(repo), revision, base, selection);
    Path cache = Path.of(System.getProperty("user.home"), ".keelson", "cli-cache", "plan");
    ChangePlan plan;
    try (KubernetesClient client = kube.client();
        Planner planner = new Planner(client, controllerNamespace, cache, Clock.systemUTC())) {
      plan = planner.plan(request);
    } catch (PlanException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    System.out.print(switch (output) {
      case "json" -> PlanJson.render(plan);
      case "markdown" -> PlanMarkdown.render(plan);
      default -> PlanText.render(plan);
    });
    plan.apps().stream().filter(a -> a.failed())
        .forEach(a -> System.err.println("error: " + a.id() + ": " + a.error()));
    return plan.exitStatus();
  }

  /** A URL has a scheme or is scp-like (user@host:path); anything else is a path on this machine. */
  static PlanRequest.Repository repository(String repo) {
    boolean url = repo.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || repo.matches("^[^/@]+@[^/:]+:.*");
    if (url && !repo.startsWith("file:")) return new PlanRequest.Repository.Remote(repo);
    return new PlanRequest.Repository.Local(Path.of(repo.startsWith("file:") ? java.net.URI.create(repo).getPath() : repo));
  }
}
