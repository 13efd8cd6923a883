package dev.keelson.cli;

import dev.keelson.core.time.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** --async and --timeout, shared by every command that asks the controller and awaits its answer. */
final class WaitOptions {
  @Option(names = "--async", description = "Return once the request is recorded, without waiting.")
  boolean async;

  @Option(names = "--timeout", defaultValue = "5m", description = "How long to wait (default: ${DEFAULT-VALUE}).")
  String timeout;

  /** Parsed before anything is written, so a typo in --timeout never leaves a request behind. */
  Duration duration() {
    return Durations.parse(timeout);
  }
}
