package dev.keelson.cli;

import dev.keelson.rollouts.runtime.RolloutRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "promote", mixinStandardHelpOptions = true,
    description = "Leave the current step (a pause) and go on; --full skips every remaining step.")
final class RolloutPromote implements Callable<Integer> {
  @Mixin RolloutTarget rollout;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--full", description = "Skip every remaining step and promote at once.")
  boolean full;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    return RolloutRequests.run(rollout, name, full ? RolloutRequest.Action.promoteFull : RolloutRequest.Action.promote,
        wait);
  }
}
