package dev.keelson.cli;

import picocli.CommandLine.Command;

/** Commands on Applications, named like Argo CD's `argocd app ...`. */
@Command(name = "app", mixinStandardHelpOptions = true, description = "Inspect and operate Applications.",
    subcommands = {AppList.class, AppGet.class, AppDiff.class, AppSync.class, AppHistory.class, AppWait.class,
        AppManifests.class, AppTest.class, AppApprove.class, AppRollback.class, AppSuspend.class, AppResume.class, AppTerminateOp.class})
final class AppCommand {}
