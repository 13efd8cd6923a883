package dev.keelson.helm;

import java.util.List;
import sun.misc.Signal;

/**
 * Gives the process's termination signals back to the JVM after Helm's Go runtime took them.
 *
 * <p>The Helm engine is Go code loaded as a shared library. On its first use the Go runtime
 * registers its own handlers for SIGINT, SIGTERM and SIGHUP, which swallow the signals: from then
 * on {@code kill} (and a Kubernetes pod's termination) no longer stops the process, and shutdown
 * hooks never run. Installing the JVM's own behaviour again once, after that first use, restores
 * it: the JVM exits with 128 + the signal's number, running its shutdown hooks, as it does by
 * default. Later Helm calls do not take the signals again.
 */
final class JvmSignals {
  private static final List<String> TERMINATION = List.of("INT", "TERM", "HUP");
  private static volatile boolean restored;

  private JvmSignals() {}

  /** Called after each call into Helm; acts on the first one only. */
  static void restoreAfterFirstHelmCall() {
    if (restored) return;
    synchronized (JvmSignals.class) {
      if (restored) return;
      for (String name : TERMINATION) {
        try {
          Signal.handle(new Signal(name), s -> System.exit(128 + s.getNumber()));
        } catch (IllegalArgumentException e) {
          // the signal is not available here, or the JVM was started with -Xrs: nothing to restore
        }
      }
      restored = true;
    }
  }
}
