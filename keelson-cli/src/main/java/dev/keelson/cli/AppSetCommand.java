package dev.keelson.cli;

import picocli.CommandLine.Command;

/** Commands on ApplicationSets. */
@Command(name = "appset", mixinStandardHelpOptions = true, description = "Operate ApplicationSets.",
    subcommands = {AppSetConfirm.class, AppSetPromote.class})
final class AppSetCommand {}
