package dev.keelson.cli;

import dev.keelson.automation.promotion.PromotionRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `keelson promote NAME --to STAGE [--revision REV]`: a PromotionPipeline's promotion by hand (no
 * soak, no approval: asking is approving), and `keelson promote approve NAME [--stage STAGE]`. A
 * pipeline cannot be named {@code approve}: that word is the subcommand.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = "Promote a PromotionPipeline's candidate into a stage by hand (a commit to the stage's path), "
        + "or approve a stage's candidate (`promote approve NAME`).",
    subcommands = {PromoteApprove.class})
final class PromoteCommand implements Callable<Integer> {
  @Mixin PromotionTarget target;

  // neither is required by picocli: `promote approve NAME` parses this command too, without them
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The PromotionPipeline.")
  String name;

  @Option(names = "--to", paramLabel = "STAGE", description = "The stage promoted into (required).")
  String stage;

  @Option(names = "--revision", paramLabel = "REV",
      description = "A commit, tag or branch of the stage before: its files there give what is promoted "
          + "(default: what that stage runs now).")
  String revision;

  @Mixin WaitOptions wait;

  @Override
  public Integer call() throws Exception {
    if (name == null || stage == null) {
      System.err.println("error: usage: keelson promote NAME --to STAGE [--revision REV], or keelson promote approve NAME");
      return ExitCodes.ERROR;
    }
    return PromotionRequests.run(target, name, dev.keelson.api.promotion.v1alpha1.PromotionPipeline.PROMOTE_REQUEST,
        token -> new PromotionRequest(stage, revision, OperatorRequests.user(), token), "promote", wait);
  }
}
