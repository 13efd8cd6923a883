package dev.keelson.cli;

import dev.keelson.rollouts.runtime.RolloutRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "abort", mixinStandardHelpOptions = true, description = "Abort the rollout: traffic back to stable, the canary scaled down.")
final class RolloutAbort implements Callable<Integer> {
  @Mixin RolloutTarget rollout;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    return RolloutRequests.run(rollout, name, RolloutRequest.Action.abort, wait);
  }
}
