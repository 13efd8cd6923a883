package dev.keelson.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/** Progress lines on stderr, {@code [bench <scenario> 12.3s] ...}, at most one every few seconds for repeated ones. */
final class Progress {
  private static final long EVERY_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final String scenario;
  private final long startNanos = System.nanoTime();
  private long lastNanos;

  Progress(PrintWriter err, String scenario) {
    this.err = err;
    this.scenario = scenario;
  }

  synchronized void say(String message) {
    lastNanos = System.nanoTime();
    err.printf(Locale.ROOT, "[bench %s %.1fs] %s%n", scenario, (lastNanos - startNanos) / 1e9, message);
    err.flush();
  }

  /** Says the message if nothing was said for a few seconds; for waits and loops. */
  void every(Supplier<String> message) {
    synchronized (this) {
      if (System.nanoTime() - lastNanos < EVERY_NANOS) return;
    }
    say(message.get());
  }
}
