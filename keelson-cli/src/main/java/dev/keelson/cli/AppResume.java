package dev.keelson.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a suspended Application sync again.")
final class AppResume implements Callable<Integer> {
  @Mixin AppOptions app;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    return SuspendChange.run(app, name, wait, false);
  }
}
