package dev.keelson.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The `keelson` command. */
@Command(
    name = "keelson",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "GitOps continuous delivery for Kubernetes.",
    subcommands = {
      LocalClusterCommand.class,
      InstallCommand.class,
      ImageCommand.class,
      ControllerCommand.class,
      ServerCommand.class,
      AppCommand.class,
      AppSetCommand.class,
      PlanCommand.class,
      RolloutCommand.class,
      PromoteCommand.class,
      ClusterCommand.class,
      ImportCommand.class,
      LoginCommand.class,
      AccountCommand.class,
      BenchCommand.class,
      RenderCommand.class,
      SopsCommand.class,
      SealCommand.class,
      CommandLine.HelpCommand.class
    })
public final class KeelsonCli {
  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Log more (to standard error).")
  boolean verbose;

  public static void main(String[] args) {
    CliLogging.configure(args);
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cl = new CommandLine(new KeelsonCli());
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + ex.getMessage());
      return ExitCodes.ERROR;
    });
    return cl.execute(args);
  }
}
