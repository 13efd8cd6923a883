package dev.keelson.cli;

import dev.keelson.rollouts.runtime.RolloutRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "retry", mixinStandardHelpOptions = true, description = "Start an aborted rollout again from its first step.")
final class RolloutRetry implements Callable<Integer> {
  @Mixin RolloutTarget rollout;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    return RolloutRequests.run(rollout, name, RolloutRequest.Action.retry, wait);
  }
}
