package dev.keelson.bench;

import java.time.Duration;

/** The end of a benchmark run's time budget ({@code --timeout}); every wait checks it. */
final class Deadline {
  private final Duration budget;
  private final long endNanos;

  private Deadline(Duration budget) {
    this.budget = budget;
    this.endNanos = System.nanoTime() + budget.toNanos();
  }

  static Deadline after(Duration budget) {
    return new Deadline(budget);
  }

  Duration budget() {
    return budget;
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  boolean expired() {
    return System.nanoTime() - endNanos >= 0;
  }

  /** @param doing what the run was doing, for the error message */
  void check(String doing) {
    if (expired()) {
      throw new BenchTimeoutException("timed out after " + Text.duration(budget) + " (--timeout) while " + doing);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new BenchTimeoutException("interrupted while " + doing);
    }
  }

  /** Sleeps a short while between polls; a timeout or interruption ends the wait with an error. */
  void pause(Duration d, String doing) {
    check(doing);
    long millis = Math.max(1, Math.min(d.toMillis(), remaining().toMillis()));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchTimeoutException("interrupted while " + doing);
    }
  }
}
