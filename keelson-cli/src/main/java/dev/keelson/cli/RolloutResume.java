package dev.keelson.cli;

import dev.keelson.rollouts.runtime.RolloutRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a rollout held by pause go on.")
final class RolloutResume implements Callable<Integer> {
  @Mixin RolloutTarget rollout;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    return RolloutRequests.run(rollout, name, RolloutRequest.Action.resume, wait);
  }
}
