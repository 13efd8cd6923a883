package dev.keelson.cli;

import dev.keelson.automation.promotion.PromotionRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `keelson promote approve NAME [--stage STAGE]`: the candidate a stage with `approval: required` waits for. */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Approve the candidate waiting at a stage of a PromotionPipeline (default: the stage that waits).")
final class PromoteApprove implements Callable<Integer> {
  @Mixin PromotionTarget target;

  @Parameters(index = "0", paramLabel = "NAME", description = "The PromotionPipeline.")
  String name;

  @Option(names = "--stage", paramLabel = "STAGE", description = "The stage approved.")
  String stage;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    return PromotionRequests.run(target, name, dev.keelson.api.promotion.v1alpha1.PromotionPipeline.APPROVE_REQUEST,
        token -> new PromotionRequest(stage, null, OperatorRequests.user(), token), "approve", wait);
  }
}
