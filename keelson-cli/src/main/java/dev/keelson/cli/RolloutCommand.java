package dev.keelson.cli;

import picocli.CommandLine.Command;

/** Commands on Rollouts, named like Argo Rollouts' `kubectl argo rollouts ...`. */
@Command(name = "rollout", mixinStandardHelpOptions = true, description = "Inspect and operate Rollouts.",
    subcommands = {RolloutGet.class, RolloutPromote.class, RolloutAbort.class, RolloutRetry.class, RolloutPause.class,
        RolloutResume.class})
final class RolloutCommand {}
