package dev.keelson.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "suspend", mixinStandardHelpOptions = true,
    description = "Stop all syncing of an Application (automated and manual); it is still compared and reported.")
final class AppSuspend implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    return SuspendChange.run(app, name, wait, true);
  }
}
